package dev.zaiko.channel;

import java.time.Duration;
import java.time.Instant;

/**
 * A channel's request budget, the one place the marketplace's pace is kept: {@code rate} tokens a
 * second, holding at most {@code burst} (the marketplace's declared burst; 1 keeps under every
 * marketplace's allowance). A push the safety floor makes urgent may take a token that is not there
 * yet only where the marketplace tolerates debt (a home-made receiver): the bucket goes into debt and
 * the pushes after it wait longer, so the rate over time still holds. A platform that does not
 * tolerate debt (every connector) never gets a request without a token: the urgent push waits for
 * the next one, still going first. The bucket refills from the <em>end</em> of a request
 * ({@link #spent}): a platform counts arrivals, and a slow request (connection, token) would
 * otherwise bring the next one closer than the platform allows. Times come from the injected clock;
 * not thread-safe (one sender owns it).
 * <p>
 * Kept as one instant in whole nanoseconds rather than a fractional count of tokens (refilling a
 * {@code double} at every instant the sender looks adds up rounding errors, so a token due at exactly
 * 2 s could come a millisecond late and, on a clock that stands still there, never): {@code full},
 * the instant the bucket holds {@code burst} tokens again. A token is there once
 * {@code now >= full - (burst - 1) × period}; taking one moves {@code full} a period later from
 * {@code max(now, full)}, so time idle beyond a full bucket is not saved up (the generic cell rate
 * algorithm).
 */
final class TokenBucket {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Duration period;
    /** How far ahead of now {@code full} may be while a token is still there: {@code (burst - 1) × period}. */
    private final Duration tolerance;
    private final boolean debt;
    private Instant full;
    /** {@code full} before the last {@link #take}, for {@link #giveBack}. */
    private Instant beforeTake;

    /** One token at most, debt allowed (the home-made receiver's budget). */
    TokenBucket(double rate, Instant now) {
        this(rate, 1, true, now);
    }

    /**
     * @param burst requests that may go at once before the rate applies (at least 1)
     * @param debt  whether an urgent push may take a token that is not there yet
     */
    TokenBucket(double rate, int burst, boolean debt, Instant now) {
        // rounded to the nearest nanosecond: 0.1/s is 10 s, not 10 s and a nanosecond of double noise
        this.period = Duration.ofNanos(Math.max(1, Math.round(1e9 / rate)));
        this.tolerance = period.multipliedBy(Math.max(1, burst) - 1L);
        this.debt = debt;
        this.full = now; // every token is there at once
    }

    /** Whether an urgent push may take a token that is not there yet. */
    boolean debtAllowed() {
        return debt;
    }

    /** Milliseconds until a token is there (0: now). */
    long millisUntilToken(Instant now) {
        Instant due = full.minus(tolerance);
        if (!now.isBefore(due)) return 0;
        long nanos = Duration.between(now, due).toNanos();
        return (nanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI; // rounded up: never wake before it is there
    }

    /**
     * Takes a token; into debt when there is none, if the bucket allows debt.
     *
     * @throws IllegalStateException when there is no token and debt is not allowed
     */
    void take(Instant now) {
        if (!debt && millisUntilToken(now) > 0) {
            throw new IllegalStateException("No token before " + full.minus(tolerance) + " and no debt allowed");
        }
        beforeTake = full;
        full = (now.isAfter(full) ? now : full).plus(period);
    }

    /**
     * The request the last token paid for went from {@code start} to {@code end}: the bucket did not
     * refill meanwhile (the platform may have counted it at its end).
     */
    void spent(Instant start, Instant end) {
        if (end.isAfter(start)) full = full.plus(Duration.between(start, end));
    }

    /**
     * Undoes the last {@link #take}: the push it paid for was answered "wait" by the platform and the
     * sender waits as asked; paying again for the retry would leave the channel at half its rate.
     */
    void giveBack() {
        if (beforeTake != null) {
            full = beforeTake;
            beforeTake = null;
        }
    }
}
