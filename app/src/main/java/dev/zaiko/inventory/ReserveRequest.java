package dev.zaiko.inventory;

/**
 * @param holder       who the units are for, e.g. an order number and line; shown to a clerk whose
 *                     till sale would need the unit
 * @param segment      the buyer's member segment, or null
 * @param fromLocation null to take from the channel's pool (the normal case); a location code to
 *                     take every unit from that one location, also outside the pool: a transfer
 *                     from another store or warehouse that the shop arranged for a stockout. The
 *                     channel's protections still apply (a store keeps what it keeps).
 */
public record ReserveRequest(String channel, String sku, int quantity, String holder, String segment,
                             String fromLocation) {
    public ReserveRequest {
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
    }

    public ReserveRequest(String channel, String sku, int quantity, String holder, String segment) {
        this(channel, sku, quantity, holder, segment, null);
    }
}
