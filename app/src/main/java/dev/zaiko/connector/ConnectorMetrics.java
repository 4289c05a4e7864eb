package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import dev.zaiko.channel.ChannelAdapter;
import dev.zaiko.channel.MarketplaceAdapters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The connectors' meters, per channel: {@code zaiko.connector.since.success} (gauge, seconds since
 * the platform last answered a call, NaN before the first), {@code zaiko.connector.rate} (gauge,
 * pushes a second over the last minute on this instance), {@code zaiko.connector.queue} (gauge, SKUs
 * waiting for their push on this instance) and {@code zaiko.connector.drift} (counter, drifted SKUs
 * found). The channel's push meters ({@code zaiko.channel.adapter.*}) count the pushes themselves.
 */
@Component
class ConnectorMetrics {

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final MarketplaceAdapters adapters;
    private final Clock clock;

    ConnectorMetrics(MeterRegistry registry, JdbcTemplate jdbc, MarketplaceAdapters adapters, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.adapters = adapters;
        this.clock = clock;
    }

    /** Registers the channel's gauges (again is harmless: the registry keeps the first). */
    void channel(String channel) {
        Gauge.builder("zaiko.connector.since.success", () -> sinceSuccess(channel))
                .description("Seconds since the channel's platform last answered a call").baseUnit("seconds")
                .tag("channel", channel).register(registry);
        Gauge.builder("zaiko.connector.rate", () -> ConnectorAdapter.currentRate(channel, clock.instant()))
                .description("Pushes a second the channel's platform took over the last minute, on this instance")
                .tag("channel", channel).register(registry);
        Gauge.builder("zaiko.connector.queue", () -> adapters.find(channel).map(ChannelAdapter::queued).orElse(0))
                .description("SKUs waiting for their push to the channel's platform, on this instance")
                .tag("channel", channel).register(registry);
    }

    void drift(String channel, int found) {
        Counter.builder("zaiko.connector.drift").description("SKUs found showing another value than Zaiko's")
                .tag("channel", channel).register(registry).increment(found);
    }

    private double sinceSuccess(String channel) {
        Timestamp at = jdbc.query("select last_success_at from connector_account where channel = ?",
                rs -> rs.next() ? rs.getTimestamp(1) : null, channel);
        return at == null ? Double.NaN : Duration.between(at.toInstant(), clock.instant()).toMillis() / 1000.0;
    }
}
