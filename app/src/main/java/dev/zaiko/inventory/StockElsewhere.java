package dev.zaiko.inventory;

/**
 * Units a channel's buyer could have from a location outside the channel's pool: what a transfer
 * from another store or warehouse could send (protections already taken off).
 */
public record StockElsewhere(String sku, String location, LocationKind kind, String name, int ats) {
}
