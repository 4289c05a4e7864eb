package dev.zaiko.inventory;

/**
 * What inventory knows of a product: copied from the catalog's ProductChanged events, and the
 * inventory's own display switch.
 *
 * @param sharedStockNote the SKU's channels show the shared-stock note wherever their pool is shared
 *                        with another channel ({@link ShowingSharedStockNote}), not only with a store
 */
record ItemFacts(String sku, boolean oneOfAKind, boolean backorderable, int lowStockThreshold,
                 boolean discontinued, boolean sharedStockNote) {

    ItemFacts(String sku, boolean oneOfAKind, boolean backorderable, int lowStockThreshold, boolean discontinued) {
        this(sku, oneOfAKind, backorderable, lowStockThreshold, discontinued, false);
    }
}
