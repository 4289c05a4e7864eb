package dev.zaiko.support;

import dev.zaiko.platform.ZaikoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * Every test context runs on a {@link MovableClock} (found by component scanning, test profile
 * only). Tests that move it reset it afterwards: the context is shared by all test classes.
 */
@Configuration(proxyBeanMethods = false)
@Profile("test")
class TestClockConfiguration {

    @Bean
    @Primary
    MovableClock movableClock(ZaikoProperties properties) {
        return new MovableClock(properties.zone());
    }
}
