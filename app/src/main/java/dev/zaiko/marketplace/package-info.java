/**
 * Marketplace files: the inventory update files a shop uploads to Amazon (Inventory Loader,
 * tab-separated UTF-8), Rakuten (item CSV, Shift_JIS) and Yahoo! Shopping (stock CSV, Shift_JIS),
 * written on each request from the channel's current available-to-sell; and the CSV imports of
 * marketplace orders and till sales, row by row with a per-row error report, idempotent on
 * re-import (docs/marketplace-files.md). Owns the {@code marketplace_*} tables (the rows already
 * imported); uses only the public API of catalog ({@link dev.zaiko.catalog.Products}), inventory
 * ({@link dev.zaiko.inventory.CheckingAvailability}, {@link dev.zaiko.inventory.SellingAtTill},
 * {@link dev.zaiko.inventory.StockNetwork}) and order ({@link dev.zaiko.order.PlacingOrders}).
 */
@dev.zaiko.platform.ApiTag("Marketplace files: Amazon, Rakuten and Yahoo! Shopping inventory files, and CSV "
        + "imports of marketplace orders and till sales with a per-row error report.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "inventory", "order", "platform"})
package dev.zaiko.marketplace;
