/**
 * Stockout cases: every order line whose units are not there
 * ({@link dev.zaiko.order.OrderLineShort}), and every backorder waiting too long
 * ({@link dev.zaiko.order.BackorderAged}), becomes exactly one case per reason, created in the
 * same transaction as the order's change, with the facts staff need before the apology call
 * (order and time, item and quantity, the reason in words that own the fault, the next dated
 * inbound or that none exists, the customer's service flags), a priority and a contact
 * deadline from the shop's {@link dev.zaiko.stockout.ServiceLevelPolicy}, and a status history.
 * <p>
 * It computes the customer's real options from the shop's state now ({@link
 * dev.zaiko.stockout.ComputingOptions}, one class per choice listed once in {@code StockoutChoices},
 * ranked substitutes with the shop's price rules), carries out the decision on the order through
 * the chosen choice's class ({@link dev.zaiko.stockout.DecidingStockout}, once per case), applies the shop's default when the
 * customer does not answer in time (a durable job), and publishes {@link
 * dev.zaiko.stockout.StockoutDecided} and {@link dev.zaiko.stockout.RefundRequested}. The same sources
 * answer, before any order exists, the earliest realistic date for a quantity
 * ({@link dev.zaiko.stockout.AnsweringLeadTimes}, {@code GET /api/lead-time}).
 * <p>
 * The customer's name, email and phone are never copied here: read them from the order module
 * when a person needs them. Owns the {@code stockout_*} tables; uses only the public API of
 * shop (business days for deadlines and options: {@link dev.zaiko.shop.BusinessDays}), order,
 * catalog and inventory.
 * <p>
 * See docs/stockouts.md.
 */
@dev.zaiko.platform.ApiTag("Stockout cases: one per order line whose units are not there, with the facts for the "
        + "apology call, the customer's real options and the decision carried out on the order.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "inventory", "order", "platform", "shop"})
package dev.zaiko.stockout;
