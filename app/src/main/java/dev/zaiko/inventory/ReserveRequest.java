package dev.zaiko.inventory;

/**
 * @param holder  who the units are for, e.g. an order number and line; shown to a clerk whose
 *                till sale would need the unit
 * @param segment the buyer's member segment, or null
 */
public record ReserveRequest(String channel, String sku, int quantity, String holder, String segment) {
    public ReserveRequest {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
    }
}
