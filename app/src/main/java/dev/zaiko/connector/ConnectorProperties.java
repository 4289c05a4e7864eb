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
 * @param cancelRetry    the first wait before a stock-out cancellation is sent again or a PENDING one
 *                       looked at again; it doubles with every attempt (default 30s)
 * @param cancelRetryMax the longest such wait (default 1h)
 * @param cancelMaxAttempts calls to the platform for one cancellation before a person is asked
 *                       (its refunds flagged; default 12)
 * @param staleAfter     a connector whose platform has not answered a call for this long is shown as
 *                       stale on the console's dashboard (default 1 hour: a healthy connector is read
 *                       back every drift interval)
 * @param bulkThreshold  a drift check with more corrections than this goes to a platform with a bulk
 *                       path (Amazon's listings feed) as one bulk push instead of one update each (default 50)
 * @param bulkFollow     the first wait before a bulk push is looked at; it doubles with every look (default 1 minute)
 * @param bulkFollowMax  the longest such wait (default 15 minutes)
 * @param bulkGiveUp     a bulk push the platform has not finished this long after its submission is
 *                       FAILED and every SKU of it goes to the channel's sender (default 4 hours)
 * @param asyncAnswerWithin a push the platform answers later (Smaregi's bulk update) that has had no
 *                       answer for this long is taken as failed and its SKUs pushed again (default 10m)
 * @param asyncKeep      how long an answered asynchronous push is kept (its callback URL answered as a
 *                       replay meanwhile) before it is purged (default 7 days)
 */
@ConfigurationProperties("zaiko.connector")
public record ConnectorProperties(Duration driftInterval, Integer readBatch, Duration connectTimeout,
                                  Duration requestTimeout, Duration cancelRetry, Duration cancelRetryMax,
                                  Integer cancelMaxAttempts, Duration staleAfter, Integer bulkThreshold,
                                  Duration bulkFollow, Duration bulkFollowMax, Duration bulkGiveUp,
                                  Duration asyncAnswerWithin, Duration asyncKeep) {

    public ConnectorProperties {
        if (driftInterval == null) driftInterval = Duration.ofMinutes(15);
        if (readBatch == null) readBatch = 100;
        if (connectTimeout == null) connectTimeout = Duration.ofSeconds(5);
        if (requestTimeout == null) requestTimeout = Duration.ofSeconds(30);
        if (cancelRetry == null) cancelRetry = Duration.ofSeconds(30);
        if (cancelRetryMax == null) cancelRetryMax = Duration.ofHours(1);
        if (cancelMaxAttempts == null) cancelMaxAttempts = 12;
        if (cancelRetry.isNegative() || cancelRetry.isZero() || cancelRetryMax.compareTo(cancelRetry) < 0) {
            throw new IllegalArgumentException("zaiko.connector.cancel-retry must be positive and at most "
                    + "zaiko.connector.cancel-retry-max");
        }
        if (cancelMaxAttempts < 1) {
            throw new IllegalArgumentException("zaiko.connector.cancel-max-attempts must be 1 or more");
        }
        if (staleAfter == null) staleAfter = Duration.ofHours(1);
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("zaiko.connector.stale-after must be positive");
        }
        if (driftInterval.isNegative() || driftInterval.isZero()) {
            throw new IllegalArgumentException("zaiko.connector.drift-interval must be positive");
        }
        if (asyncAnswerWithin == null) asyncAnswerWithin = Duration.ofMinutes(10);
        if (asyncAnswerWithin.isNegative() || asyncAnswerWithin.isZero()) {
            throw new IllegalArgumentException("zaiko.connector.async-answer-within must be positive");
        }
        if (asyncKeep == null) asyncKeep = Duration.ofDays(7);
        if (asyncKeep.isNegative()) throw new IllegalArgumentException("zaiko.connector.async-keep must not be negative");
        if (readBatch < 1) throw new IllegalArgumentException("zaiko.connector.read-batch must be 1 or more");
        if (bulkThreshold == null) bulkThreshold = 50;
        if (bulkFollow == null) bulkFollow = Duration.ofMinutes(1);
        if (bulkFollowMax == null) bulkFollowMax = Duration.ofMinutes(15);
        if (bulkGiveUp == null) bulkGiveUp = Duration.ofHours(4);
        if (bulkThreshold < 0) throw new IllegalArgumentException("zaiko.connector.bulk-threshold must be 0 or more");
        if (bulkFollow.isNegative() || bulkFollow.isZero() || bulkFollowMax.compareTo(bulkFollow) < 0) {
            throw new IllegalArgumentException("zaiko.connector.bulk-follow must be positive and at most "
                    + "zaiko.connector.bulk-follow-max");
        }
        if (bulkGiveUp.compareTo(bulkFollow) < 0) {
            throw new IllegalArgumentException("zaiko.connector.bulk-give-up must be at least zaiko.connector.bulk-follow");
        }
    }

    /** The wait after the {@code looks}-th look at a bulk push: doubling from bulkFollow, at most bulkFollowMax. */
    public Duration bulkFollowAfter(int looks) {
        Duration wait = bulkFollow;
        for (int i = 1; i < looks && wait.compareTo(bulkFollowMax) < 0; i++) wait = wait.multipliedBy(2);
        return wait.compareTo(bulkFollowMax) > 0 ? bulkFollowMax : wait;
    }

    /** The wait after the {@code attempts}-th call of a cancellation: doubling from cancelRetry, at most cancelRetryMax. */
    public Duration cancelRetryAfter(int attempts) {
        Duration wait = cancelRetry;
        for (int i = 1; i < attempts && wait.compareTo(cancelRetryMax) < 0; i++) wait = wait.multipliedBy(2);
        return wait.compareTo(cancelRetryMax) > 0 ? cancelRetryMax : wait;
    }
}
