/**
 * What makers and suppliers tell the shop: a maker's discontinuation list (a CSV of SKU or JAN
 * codes), previewed with everything it touches (open order lines, backorders, lines waiting on an
 * inbound, expected inbounds, sellable units per channel) and then applied as a whole, each product
 * discontinued through the catalog's {@link dev.zaiko.catalog.RegisteringProducts}, with a record of
 * every applied list ({@link dev.zaiko.supplier.DiscontinuingFromLists},
 * {@link dev.zaiko.supplier.DiscontinuationLists}). Later: supplier confirmations of inbound quantities.
 * Owns the {@code supplier_*} tables; uses only the public API of catalog, inventory and order.
 * <p>
 * See docs/discontinuations.md.
 */
@dev.zaiko.platform.ApiTag("What makers and suppliers tell the shop: a maker's discontinuation list, previewed "
        + "with every order, inbound and channel it touches, then applied all or nothing.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "catalog", "inventory", "order", "platform"})
package dev.zaiko.supplier;
