/**
 * Orders: placement from every channel (own web shop and till, marketplaces), readable order
 * numbers with a check digit, the reservation of each line through the inventory's
 * {@link dev.zaiko.inventory.ReservingStock}, backorders with a promised date, the status of
 * every line and order with its history, idempotency on (channel, external reference), and the
 * {@link dev.zaiko.order.OrderLineShort} event for every line whose units are not there, and
 * {@link dev.zaiko.order.BackorderAged} once for every line backordered too long; and
 * {@link dev.zaiko.order.ChangingOrderLines}, which carries out a stockout decision on a line.
 * An OWN channel's points, gift balance and coupon are redeemed from the customer's wallet
 * ({@link dev.zaiko.wallet.Wallets}) in the order's own transaction.
 * {@link dev.zaiko.order.OrderStatusLinks} signs the customer's link to one order's status page.
 * A backordered line is promised one inbound within its free units ({@link dev.zaiko.order.PromisingInbounds},
 * which answers the inventory's {@link dev.zaiko.inventory.InboundPromises}); new orders queue behind
 * the backorders waiting for a SKU.
 * A line naming a deal takes the deal's units through {@link dev.zaiko.deal.BuyingFromDeals}.
 * Owns the {@code orders_*} tables; uses only the public API of inventory, catalog, deal and wallet.
 * <p>
 * See docs/orders.md.
 */
@dev.zaiko.platform.ApiTag("Orders from every channel: placement with atomic reservation, backorders with a "
        + "promised date, packing, and the customer's signed status links.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "catalog", "deal", "inventory", "platform", "shop", "wallet"})
package dev.zaiko.order;
