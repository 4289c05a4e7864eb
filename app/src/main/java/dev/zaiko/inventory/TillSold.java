package dev.zaiko.inventory;

import java.time.Instant;

/**
 * The store's till sold units, published in the sale's transaction (for demand per SKU in insight).
 *
 * @param reference the till's own reference of the sale (idempotency), or null
 * @param soldAt    when the till sold them (the till's time when it gave one, else when Zaiko recorded it)
 */
public record TillSold(String sku, String location, int quantity, String reference, long movementId, Instant soldAt) {
}
