/**
 * Deals (time sales) and their waitlists: a quantity of a SKU set aside from sellable stock and
 * sold at a deal price on some own channels between a start and an end, optionally to members only
 * and with a limit per customer; when it is gone, customers queue on the deal's waitlist (キャンセル待ち)
 * and every unit that comes back is offered to the first in line as a short hold. Owns the
 * {@code deal_*} tables.
 * <p>
 * See docs/deals.md.
 */
@dev.zaiko.platform.ApiTag("Deals (time sales) with their own quantity, price, window, member-only and per-customer "
        + "limits, and their waitlists: units that come back go to the first in line as a short hold.")
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"catalog", "channel", "inventory", "mail", "platform",
        "shop"})
package dev.zaiko.deal;
