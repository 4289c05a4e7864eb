/**
 * Back-in-stock alerts (再入荷通知): customers wait per SKU and channel for units to come back, and
 * when units become sellable on that channel only as many of them are told as there are units (times
 * {@code zaiko.restock.notify-factor}), first come first served, availability read again right before
 * each notice; the rest keep their place for the next arrival. Storefronts subscribe their visitors
 * through an open door with double opt-in and rate limits ({@code POST /public/restock-alerts}); the
 * shop's own systems through the API ({@code /api/restock-alerts}), which also gives the demand
 * signal for purchasing (how many wait, since when). Every email carries a signed one-click
 * unsubscribe link; the confirm and unsubscribe pages live under {@code /c/restock-alerts/}.
 * Optionally every notified subscriber gets a short hold of one unit ({@code zaiko.restock.hold-for}).
 * <p>
 * The public API: {@link dev.zaiko.restock.RestockAlerts} (reading the queues, the demand),
 * {@link dev.zaiko.restock.RestockAlert}, {@link dev.zaiko.restock.RestockAlertStatus},
 * {@link dev.zaiko.restock.RestockQueue} and the event {@link dev.zaiko.restock.RestockAlertSent}.
 * <p>
 * Owns the {@code restock_*} tables; uses only the public API of inventory (availability, holds,
 * stock changes), catalog (product names), mail (the outbox), shop (base URL, customer pages) and
 * platform.
 * <p>
 * See docs/restock-alerts.md.
 */
@dev.zaiko.platform.ApiTag("Back-in-stock alerts: subscriptions per SKU and channel (double opt-in for storefronts), "
        + "notices for only as many subscribers as there are units, first come first served, and the demand signal.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "inventory", "mail", "platform", "shop"})
package dev.zaiko.restock;
