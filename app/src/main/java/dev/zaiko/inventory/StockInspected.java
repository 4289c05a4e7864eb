package dev.zaiko.inventory;

/**
 * Units of a SKU were inspected at a location: {@code passed} became sellable (orders waiting
 * for them can be filled), {@code failed} went to DEFECTIVE. Published inside the inspection's
 * transaction: listen after the commit ({@code @TransactionalEventListener}) to reserve through
 * the engine.
 */
public record StockInspected(String sku, String location, int passed, int failed) {
}
