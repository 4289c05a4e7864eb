package dev.zaiko.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox retries.
 *
 * @param maxAttempts attempts before an email is FAILED (default 8)
 * @param firstRetry  wait after the first failed attempt; each further wait doubles (default 1 minute)
 * @param maxRetry    the longest wait between attempts (default 1 hour)
 */
@ConfigurationProperties("zaiko.mail")
public record MailOutboxProperties(Integer maxAttempts, Duration firstRetry, Duration maxRetry) {

    public MailOutboxProperties {
        if (maxAttempts == null) maxAttempts = 8;
        if (firstRetry == null) firstRetry = Duration.ofMinutes(1);
        if (maxRetry == null) maxRetry = Duration.ofHours(1);
        if (maxAttempts < 1 || firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("zaiko.mail: max-attempts must be at least 1, first-retry positive and "
                    + "max-retry at least first-retry; got " + maxAttempts + ", " + firstRetry + ", " + maxRetry);
        }
    }

    /**
     * The longest outage an email rides out: the waits between its first attempt and its last, after
     * which it is FAILED (with the defaults 1 + 2 + 4 + 8 + 16 + 32 + 60 minutes, a little over 2 hours).
     */
    Duration patience() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) total = total.plus(retryAfter(attempt));
        return total;
    }

    /** The wait after the {@code attempts}-th failed attempt: doubling from the first, capped. */
    Duration retryAfter(int attempts) {
        return dev.zaiko.platform.Durations.doubling(firstRetry, maxRetry, attempts);
    }
}
