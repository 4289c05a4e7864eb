package dev.zaiko.channel;

import java.io.IOException;

/**
 * The marketplace did not take a push because of its limits (HTTP 429, or 503 as some use it), and
 * maybe said when to come again. The sender then waits what {@code Retry-After} says (capped by
 * {@code zaiko.channel.max-retry-after}) instead of its doubling wait, and does not count the push as
 * a failure.
 */
public class MarketplaceThrottledException extends IOException {

    private final int status;
    private final String retryAfter;

    /** @param retryAfter the raw {@code Retry-After} header, null when there was none */
    public MarketplaceThrottledException(int status, String retryAfter) {
        super("HTTP " + status);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** The raw {@code Retry-After} header, or null. */
    public String retryAfter() {
        return retryAfter;
    }
}
