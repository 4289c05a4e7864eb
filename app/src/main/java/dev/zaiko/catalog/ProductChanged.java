package dev.zaiko.catalog;

/**
 * Published synchronously, inside the transaction that created or changed a product, so that
 * modules keeping their own copy of product facts (inventory) never see a product they lack.
 */
public record ProductChanged(String sku, ProductStatus status, boolean oneOfAKind, boolean backorderable,
                             int lowStockThreshold) {
}
