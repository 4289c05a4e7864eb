package dev.zaiko.connector;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How till sales come in from connected POS channels.
 *
 * @param tick how often the till-sale job looks for channels whose next pull is due (default 5s, so
 *             that a store's sale reaches the other channels within seconds); each channel is then
 *             pulled as often as its platform allows ({@link PlatformConnector#tillSalePullEvery()})
 */
@ConfigurationProperties("zaiko.connector.till-sales")
public record TillSalesInProperties(Duration tick) {

    public TillSalesInProperties {
        if (tick == null) tick = Duration.ofSeconds(5);
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("zaiko.connector.till-sales.tick must be positive");
        }
    }
}
