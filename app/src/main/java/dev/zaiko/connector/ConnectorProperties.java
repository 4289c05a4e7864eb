package dev.zaiko.connector;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the channel connectors run.
 *
 * @param driftInterval  how often every connected channel's platform is read back and drift healed
 *                       (default 15 minutes)
 * @param readBatch      SKUs read back from a platform in one call at most (default 100)
 * @param connectTimeout connecting to a platform (default 5s)
 * @param requestTimeout a platform's answer (default 30s)
 * @param staleAfter     a connector whose platform has not answered a call for this long is shown as
 *                       stale on the console's dashboard (default 1 hour: a healthy connector is read
 *                       back every drift interval)
 */
@ConfigurationProperties("zaiko.connector")
public record ConnectorProperties(Duration driftInterval, Integer readBatch, Duration connectTimeout,
                                  Duration requestTimeout, Duration staleAfter) {

    public ConnectorProperties {
        if (driftInterval == null) driftInterval = Duration.ofMinutes(15);
        if (readBatch == null) readBatch = 100;
        if (connectTimeout == null) connectTimeout = Duration.ofSeconds(5);
        if (requestTimeout == null) requestTimeout = Duration.ofSeconds(30);
        if (staleAfter == null) staleAfter = Duration.ofHours(1);
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("zaiko.connector.stale-after must be positive");
        }
        if (driftInterval.isNegative() || driftInterval.isZero()) {
            throw new IllegalArgumentException("zaiko.connector.drift-interval must be positive");
        }
        if (readBatch < 1) throw new IllegalArgumentException("zaiko.connector.read-batch must be 1 or more");
    }
}
