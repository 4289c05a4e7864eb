package dev.zaiko.demo;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code --demo} ({@code zaiko.demo=true}) pays refunds through the built-in gateway's simulator,
 * so that the demo shop's refunds complete on their own: {@code zaiko.payment.gateway=built-in},
 * unless the gateway is set explicitly. Added as the weakest property source, before the
 * application's beans are decided (registered in {@code META-INF/spring.factories}). Without the
 * demo nothing is added: a real shop gets the manual route (docs/payment-gateway.md).
 */
class DemoGatewayDefault implements EnvironmentPostProcessor {

    static final String GATEWAY = "zaiko.payment.gateway";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Boolean.parseBoolean(environment.getProperty("zaiko.demo", "false").strip())) return;
        if (environment.containsProperty(GATEWAY)) return;
        environment.getPropertySources().addLast(new MapPropertySource("zaiko-demo-defaults",
                Map.of(GATEWAY, "built-in")));
    }
}
