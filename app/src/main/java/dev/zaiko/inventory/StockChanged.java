package dev.zaiko.inventory;

/**
 * A SKU's stock changed in a way that may change what channels can sell (channel sync listens).
 * Published after the engine commits, or inside the transaction of other stock changes.
 *
 * @param sellableMayHaveRisen units may have become sellable (a release, an inspection, an upward
 *                             count, a lifted protection): what waiting backorders listen for. False
 *                             when the change can only have taken units away or moved nothing (a
 *                             batch of reservations, an expected inbound), so that the hot path of a
 *                             flash sale does not wake the backorder queue with every batch.
 */
public record StockChanged(String sku, boolean sellableMayHaveRisen) {
}
