/**
 * The catalog: what the shop sells. Owns products (SKU, Japanese and English names, category,
 * purpose tags, attributes, price in yen, status and the stock-handling facts other modules
 * copy) and the {@code catalog_*} tables. Other modules register and read products through
 * {@link dev.zaiko.catalog.RegisteringProducts} and {@link dev.zaiko.catalog.Products} and keep
 * their own copies up to date from {@link dev.zaiko.catalog.ProductChanged}. It keeps every price
 * a product has had ({@link dev.zaiko.catalog.PriceHistory}, {@code catalog_price_change}) and
 * announces each change ({@link dev.zaiko.catalog.PriceChanged}).
 * <p>
 * See docs/catalog.md.
 */
@dev.zaiko.platform.ApiTag("What the shop sells: products with SKU, Japanese and English names, price in yen, "
        + "stock-handling facts and the shop's own pinned substitutes.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "platform"})
package dev.zaiko.catalog;
