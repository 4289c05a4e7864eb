package dev.zaiko.inventory;

/**
 * Units of a SKU passed inspection at a location and can now be sold (and reserved for orders
 * waiting on them). Published inside the inspection's transaction: listen after the commit
 * ({@code @TransactionalEventListener}) to reserve them through the engine.
 */
public record UnitsBecameSellable(String sku, String location, int quantity) {
}
