package dev.zaiko.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import dev.zaiko.shop.ShopProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** What the first start prints points where the person who started it can reach Zaiko. */
class FirstStartTest {

    static FirstStart firstStart(MockEnvironment environment) {
        ShopProperties shop = new ShopProperties(null, null, null, null, URI.create("https://shop.example.jp"));
        return new FirstStart(null, null, null, null, shop, environment);
    }

    @Test
    void theDemoTokensCurlHintUsesThePortZaikoListensOnNotTheDefault() {
        MockEnvironment started = new MockEnvironment().withProperty("local.server.port", "18555");
        assertThat(firstStart(started).here()).isEqualTo("http://localhost:18555");
    }

    @Test
    void withoutAWebServerTheHintUsesTheShopsPublicAddress() {
        assertThat(firstStart(new MockEnvironment()).here()).isEqualTo("https://shop.example.jp");
    }
}
