package dev.zaiko.inventory;

import java.time.Instant;

/**
 * A count (stocktake) of a SKU at a location was recorded, published in the count's transaction,
 * whether or not it differed from what the system held.
 *
 * @param expected the SELLABLE units the system held just before the count
 * @param counted  the SELLABLE units counted
 */
public record StockCounted(String sku, String location, int expected, int counted, String reason, Instant at) {

    public int difference() {
        return counted - expected;
    }
}
