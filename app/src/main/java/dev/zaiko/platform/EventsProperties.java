package dev.zaiko.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When module events that did not complete are handed to their listener again, and how long the
 * registry keeps the completed ones.
 *
 * @param retryEvery    how often the retry job runs (default 1m)
 * @param retryAfter    a publication this old (since published) that has not completed is
 *                      resubmitted (default 5m): long enough that a listener still queued or running
 *                      is normally left alone
 * @param cleanupEvery  how often completed publications are deleted (default 1h)
 * @param keepCompleted completed publications are kept this long after completion (default 7d)
 */
@ConfigurationProperties("zaiko.events")
public record EventsProperties(Duration retryEvery, Duration retryAfter, Duration cleanupEvery,
                               Duration keepCompleted) {

    public EventsProperties {
        if (retryEvery == null) retryEvery = Duration.ofMinutes(1);
        if (retryAfter == null) retryAfter = Duration.ofMinutes(5);
        if (cleanupEvery == null) cleanupEvery = Duration.ofHours(1);
        if (keepCompleted == null) keepCompleted = Duration.ofDays(7);
        if (!Durations.positive(retryEvery) || !Durations.positive(retryAfter) || !Durations.positive(cleanupEvery)
                || keepCompleted.isNegative()) {
            throw new IllegalArgumentException("zaiko.events: intervals must be positive");
        }
    }
}
