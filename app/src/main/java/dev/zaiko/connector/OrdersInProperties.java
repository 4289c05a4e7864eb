package dev.zaiko.connector;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How orders come in from connected channels.
 *
 * @param tick how often the order-pull job looks for channels whose next pull is due (default 15s);
 *             each channel is then pulled as often as its platform allows
 *             ({@link PlatformConnector#orderPullEvery()})
 */
@ConfigurationProperties("zaiko.connector.orders")
public record OrdersInProperties(Duration tick) {

    public OrdersInProperties {
        if (tick == null) tick = Duration.ofSeconds(15);
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("zaiko.connector.orders.tick must be positive");
        }
    }
}
