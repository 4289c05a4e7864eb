package dev.zaiko.channel;

import java.time.Duration;
import java.time.Instant;

/**
 * A channel's request budget: {@code rate} tokens a second, holding at most one (no bursts, which
 * keeps under every marketplace's burst allowance). A push the safety floor makes urgent may take a
 * token that is not there yet: the bucket goes into debt and the pushes after it wait longer, so the
 * rate over time still holds. Times come from the injected clock; not thread-safe (one sender owns it).
 */
final class TokenBucket {

    private static final double CAPACITY = 1.0;

    private final double rate;
    private double tokens = CAPACITY;
    private Instant last;

    TokenBucket(double rate, Instant now) {
        this.rate = rate;
        this.last = now;
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            double seconds = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(CAPACITY, tokens + seconds * rate);
            last = now;
        }
    }

    /** Milliseconds until a token is there (0: now). */
    long millisUntilToken(Instant now) {
        refill(now);
        if (tokens >= 1.0) return 0;
        return (long) Math.ceil((1.0 - tokens) / rate * 1000.0);
    }

    /** Takes a token, into debt when there is none. */
    void take(Instant now) {
        refill(now);
        tokens -= 1.0;
    }
}
