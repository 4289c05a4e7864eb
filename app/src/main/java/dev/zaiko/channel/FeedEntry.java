package dev.zaiko.channel;

import java.time.Instant;

/**
 * A channel's latest value of a SKU. {@code seq} grows with every change of any SKU on the
 * channel; a newer value of the same SKU always has a higher one.
 */
public record FeedEntry(String sku, String channel, int ats, String level, long seq, Instant changedAt) {
}
