package dev.zaiko.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code --demo} pays refunds through the simulator unless told otherwise; without it nothing is chosen. */
class DemoGatewayDefaultTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
        new DemoGatewayDefault().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void theDemoShopUsesTheBuiltInSimulator() {
        assertThat(environment(Map.of("zaiko.demo", "true")).getProperty("zaiko.payment.gateway"))
                .isEqualTo("built-in");
    }

    @Test
    void anExplicitGatewayChoiceWinsOverTheDemoDefault() {
        assertThat(environment(Map.of("zaiko.demo", "true", "zaiko.payment.gateway", "manual"))
                .getProperty("zaiko.payment.gateway")).isEqualTo("manual");
    }

    @Test
    void withoutTheDemoNoGatewayIsChosen() {
        assertThat(environment(Map.of()).getProperty("zaiko.payment.gateway")).isNull();
        assertThat(environment(Map.of("zaiko.demo", "false")).getProperty("zaiko.payment.gateway")).isNull();
    }
}
