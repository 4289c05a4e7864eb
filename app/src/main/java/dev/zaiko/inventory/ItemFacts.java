package dev.zaiko.inventory;

/** What inventory knows of a product: copied from the catalog's ProductChanged events. */
record ItemFacts(String sku, boolean oneOfAKind, boolean backorderable, int lowStockThreshold,
                 boolean discontinued) {
}
