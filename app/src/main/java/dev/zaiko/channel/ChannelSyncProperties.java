package dev.zaiko.channel;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How channel sync runs.
 *
 * @param coalesce             how long the feed writer lets changes gather after a wake-up before it
 *                             computes (default 50ms): a burst of sales becomes one entry
 * @param poll                 how often the feed writer and the webhook dispatcher look for work without
 *                             being woken: after a restart, or for changes made on another instance (default 1s)
 * @param firstRetry           wait after a failed delivery; each further failure doubles it (default 500ms)
 * @param maxRetry             the longest wait between attempts (default 5 minutes)
 * @param connectTimeout       connecting to an endpoint (default 3s)
 * @param requestTimeout       an endpoint's answer (default 10s)
 * @param batch                feed entries per delivery at most (default 100)
 * @param workers              endpoints delivered to at the same time at most (default 16)
 * @param maxRetryAfter        the longest wait a receiver's {@code Retry-After} (429, 503) is honoured
 *                             with (default 1 hour)
 * @param disableAfter         an endpoint failing without a single success for this long … (default 3 days)
 * @param disableAfterFailures … and for at least this many attempts in a row (whichever comes later) is
 *                             disabled (default 20)
 * @param lease                how long a claim on an endpoint holds without being renewed: after a crash,
 *                             another instance takes the endpoint over within this (default 10s)
 * @param heartbeat            how often an instance renews the leases of the endpoints it is delivering
 *                             to (default 3s; less than the lease)
 * @param adapterLease         how long an instance holds a channel's marketplace adapter without renewing
 *                             (default 15s): after a crash, another instance takes over once it ran out
 * @param adapterHeartbeat     how often the holder renews its adapter leases and every instance looks for
 *                             adapters without a holder (default 5s); less than the lease
 * @param adapterMaxRetryAfter the longest a marketplace's {@code Retry-After} is honoured (default 15 minutes)
 */
@ConfigurationProperties("zaiko.channel")
public record ChannelSyncProperties(Duration coalesce, Duration poll, Duration firstRetry, Duration maxRetry,
                                    Duration connectTimeout, Duration requestTimeout, Integer batch,
                                    Integer workers, Duration maxRetryAfter, Duration disableAfter,
                                    Integer disableAfterFailures, Duration lease, Duration heartbeat,
                                    Duration adapterLease, Duration adapterHeartbeat, Duration adapterMaxRetryAfter) {

    public ChannelSyncProperties {
        if (coalesce == null) coalesce = Duration.ofMillis(50);
        if (poll == null) poll = Duration.ofSeconds(1);
        if (firstRetry == null) firstRetry = Duration.ofMillis(500);
        if (maxRetry == null) maxRetry = Duration.ofMinutes(5);
        if (connectTimeout == null) connectTimeout = Duration.ofSeconds(3);
        if (requestTimeout == null) requestTimeout = Duration.ofSeconds(10);
        if (batch == null) batch = 100;
        if (workers == null) workers = 16;
        if (maxRetryAfter == null) maxRetryAfter = Duration.ofHours(1);
        if (disableAfter == null) disableAfter = Duration.ofDays(3);
        if (disableAfterFailures == null) disableAfterFailures = 20;
        if (lease == null) lease = Duration.ofSeconds(10);
        if (heartbeat == null) heartbeat = Duration.ofSeconds(3);
        if (adapterLease == null) adapterLease = Duration.ofSeconds(15);
        if (adapterHeartbeat == null) adapterHeartbeat = Duration.ofSeconds(5);
        if (adapterMaxRetryAfter == null) adapterMaxRetryAfter = Duration.ofMinutes(15);
        if (coalesce.isNegative() || poll.isNegative() || poll.isZero() || firstRetry.isNegative()
                || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0 || batch < 1 || workers < 1
                || !Durations.positive(adapterHeartbeat) || adapterLease.compareTo(adapterHeartbeat) <= 0
                || adapterMaxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("zaiko.channel: poll and first-retry must be positive, max-retry at "
                    + "least first-retry, batch and workers at least 1, adapter-heartbeat positive and less than "
                    + "adapter-lease, adapter-max-retry-after not negative");
        }
        if (maxRetryAfter.compareTo(firstRetry) < 0 || !Durations.positive(disableAfter) || disableAfterFailures < 1) {
            throw new IllegalArgumentException("zaiko.channel: max-retry-after must be at least first-retry, "
                    + "disable-after positive and disable-after-failures at least 1");
        }
        // a heartbeat that comes later than the lease runs out would let a live worker lose its endpoint
        if (!Durations.positive(heartbeat) || lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("zaiko.channel: heartbeat must be positive and lease at least twice "
                    + "the heartbeat");
        }
    }

    /** Every setting at its default (for tests and tools without Spring's binding). */
    static ChannelSyncProperties defaults() {
        return new ChannelSyncProperties(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** The wait after the {@code failures}-th failure in a row: doubling from the first, capped. */
    Duration retryAfter(int failures) {
        return Durations.doubling(firstRetry, maxRetry, failures);
    }

    /**
     * The wait a receiver asked for, kept between {@code firstRetry} (no busy loop on a {@code 0})
     * and {@code maxRetryAfter}.
     */
    Duration askedWait(Duration asked) {
        if (asked.compareTo(firstRetry) < 0) return firstRetry;
        return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    }
}
