/**
 * The demo shop: a small Japanese outdoor and hobby shop (a warehouse in Kawaguchi, a store in
 * Kichijoji, a supplier, five channels, about thirty products with stock in every state) that
 * {@code --demo} ({@code zaiko.demo=true}) loads at start so that the console, the API and the
 * stockout flows have something believable to show, including marketplace orders that ran into
 * missing stock. It writes only through the public Java APIs of catalog, inventory, order, deal and
 * restock, tells insight six months of made-up history (orders {@code HIST-…}, known to insight only),
 * and owns no tables. Loading is all or nothing and happens once:
 * a database that already holds the demo is left as it is.
 * <p>
 * See docs/demo-shop.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "contact", "deal", "insight", "inventory", "mail", "order", "platform", "refund", "restock", "stockout", "wallet"})
package dev.zaiko.demo;
