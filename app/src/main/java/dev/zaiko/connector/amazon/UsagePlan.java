package dev.zaiko.connector.amazon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One SP-API operation's usage plan as Amazon applies it, a token bucket: {@code burst} requests
 * may go at once, then one more every {@code 1/rate} seconds. The client takes a token before each
 * call and does not call without one (no debt), so a pull stops where Amazon would start answering
 * 429 and the next pull goes on. Time from the injected {@link Clock}.
 *
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits">Usage plans and rate limits (token bucket)</a>
 */
final class UsagePlan {

    private final double rate;
    private final int burst;
    private final Clock clock;
    private double tokens;
    private Instant at;

    /** @param rate requests per second; a new plan starts with its whole burst */
    UsagePlan(double rate, int burst, Clock clock) {
        this.rate = rate;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.at = clock.instant();
    }

    double rate() {
        return rate;
    }

    int burst() {
        return burst;
    }

    /** Requests that may go now. */
    synchronized int available() {
        refill();
        return (int) Math.floor(tokens);
    }

    /** Takes one request's token when there is one. */
    synchronized boolean take() {
        refill();
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** Amazon answered 429: its bucket is empty whatever this one counted. */
    synchronized void empty() {
        refill();
        tokens = 0;
    }

    /** How long until one request may go. */
    synchronized Duration untilNext() {
        refill();
        if (tokens >= 1) return Duration.ZERO;
        return Duration.ofMillis((long) Math.ceil((1 - tokens) / rate * 1000));
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(at)) {
            tokens = Math.min(burst, tokens + Duration.between(at, now).toNanos() / 1e9 * rate);
        }
        at = now;
    }
}
