package dev.zaiko.channel;

import java.time.Duration;
import java.time.Instant;

/**
 * A channel's request budget: {@code rate} tokens a second, holding at most one (no bursts, which
 * keeps under every marketplace's burst allowance). A push the safety floor makes urgent may take a
 * token that is not there yet: the bucket goes into debt and the pushes after it wait longer, so the
 * rate over time still holds. Times come from the injected clock; not thread-safe (one sender owns it).
 * <p>
 * Kept as the instant the next token is there, in whole nanoseconds, rather than as a fractional
 * count of tokens: refilling a {@code double} at every instant the sender looks adds up rounding
 * errors, so a token due at exactly 2 s could come a millisecond late (and, on a clock that stands
 * still there, never). A bucket of one token is fully described by that instant.
 */
final class TokenBucket {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Duration period;
    private Instant next;
    /** When the token was due before the last {@link #take}, for {@link #giveBack}. */
    private Instant beforeTake;

    TokenBucket(double rate, Instant now) {
        // rounded to the nearest nanosecond: 0.1/s is 10 s, not 10 s and a nanosecond of double noise
        this.period = Duration.ofNanos(Math.max(1, Math.round(1e9 / rate)));
        this.next = now; // the one token it holds is there at once
    }

    /** Milliseconds until a token is there (0: now). */
    long millisUntilToken(Instant now) {
        if (!now.isBefore(next)) return 0;
        long nanos = Duration.between(now, next).toNanos();
        return (nanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI; // rounded up: never wake before it is there
    }

    /** Takes a token, into debt when there is none. */
    void take(Instant now) {
        // a bucket idle since its token came holds just that one: time before now is not saved up
        beforeTake = next;
        next = (now.isAfter(next) ? now : next).plus(period);
    }

    /**
     * Undoes the last {@link #take}: the push it paid for was answered "wait" (the platform, or the
     * platform's own budget in front of it) and the sender waits as asked; paying again for the
     * retry would leave the channel at half its rate.
     */
    void giveBack() {
        if (beforeTake != null) {
            next = beforeTake;
            beforeTake = null;
        }
    }
}
