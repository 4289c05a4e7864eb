package dev.zaiko.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param latency how long the built-in gateway takes to answer a call that moves money (default
 *                0): set it to see how the rest of Zaiko copes with a slow provider
 */
@ConfigurationProperties("zaiko.payment.built-in")
public record BuiltInGatewayProperties(Duration latency) {

    public BuiltInGatewayProperties {
        if (latency == null) latency = Duration.ZERO;
        if (latency.isNegative()) throw new IllegalArgumentException("zaiko.payment.built-in.latency must not be negative");
    }
}
