package dev.zaiko.deal;

import java.time.Duration;

/**
 * A buyer taking units from a deal.
 *
 * @param customer     who buys, for the per-customer limit: the customer's email address (compared
 *                     case-insensitively)
 * @param segment      the buyer's member segment from the authenticated channel integration, or null
 * @param holder       what the units are for (a cart, an order line), as a reservation's holder
 * @param hold         how long the units are held before they go back to the deal (an order claims
 *                     them in its own transaction)
 * @param forWaitlist  true only for an offer to the first in the deal's waitlist: while anyone waits,
 *                     units that come back are theirs, not any buyer's
 */
public record DealPurchase(String deal, String channel, String sku, int quantity, String customer, String segment,
                           String holder, Duration hold, boolean forWaitlist) {
}
