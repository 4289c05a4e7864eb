/**
 * The operator console and the customer pages (server-rendered): the dashboard, the case page,
 * orders ({@code /orders}), a maker's discontinuation list ({@code /catalog/discontinuations}), deals ({@code /deals}), the email outbox ({@code /outbox}) and the customer's order status page
 * behind a signed link ({@code /o/<token>}, see {@link dev.zaiko.order.OrderStatusLinks}). It reads
 * other modules only through their public APIs.
 * <p>
 * See docs/console.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "catalog", "connector", "contact", "contact :: scripts", "contact :: tone", "deal", "insight", "inventory", "mail", "order", "payment", "platform", "refund", "restock", "shop", "stockout", "supplier"})
package dev.zaiko.web;
