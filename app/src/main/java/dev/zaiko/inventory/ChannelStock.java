package dev.zaiko.inventory;

/** What one channel may sell of a SKU right now: the numbers channel sync pushes. */
public record ChannelStock(String sku, String channel, int ats, AvailabilityLevel level) {
}
