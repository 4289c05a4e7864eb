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
    private final java.time.Duration wait;

    /** @param retryAfter the raw {@code Retry-After} header, null when there was none */
    public MarketplaceThrottledException(int status, String retryAfter) {
        super("HTTP " + status);
        this.status = status;
        this.retryAfter = retryAfter;
        this.wait = null;
    }

    /**
     * A marketplace's own throttling answer that named its wait in another way than a header (a
     * connector's client read it from the platform's answer: Shopify's throttle status, Amazon's rate).
     *
     * @param wait the wait the marketplace asked for
     */
    public MarketplaceThrottledException(int status, java.time.Duration wait) {
        super("HTTP " + status);
        this.status = status;
        this.retryAfter = null;
        this.wait = wait;
    }

    /** The wait the marketplace asked for other than by a header, or null. */
    public java.time.Duration waitAsked() {
        return wait;
    }

    public int status() {
        return status;
    }

    /** The raw {@code Retry-After} header, or null. */
    public String retryAfter() {
        return retryAfter;
    }
}
