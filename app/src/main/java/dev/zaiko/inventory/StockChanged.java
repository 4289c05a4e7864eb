package dev.zaiko.inventory;

/**
 * A SKU's stock changed in a way that may change what channels can sell (channel sync listens).
 * Published after the engine commits, or inside the transaction of other stock changes.
 */
public record StockChanged(String sku) {
}
