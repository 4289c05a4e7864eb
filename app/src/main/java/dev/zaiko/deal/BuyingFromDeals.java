package dev.zaiko.deal;

import dev.zaiko.inventory.ReservationOutcome;

/**
 * Takes units from a deal: the deal must be LIVE, sell on the buyer's channel and SKU, admit the
 * buyer's segment, and leave the customer within the per-customer limit (decided under a lock per
 * deal and customer, so many requests of one customer at once never pass it together). The units
 * are drawn from the deal's set-aside as a held reservation.
 */
public interface BuyingFromDeals {

    /**
     * @return reserved, or refused with how many the deal still has
     * @throws dev.zaiko.platform.NotFoundException      no such deal
     * @throws dev.zaiko.platform.ConflictException      {@code deal-not-live}, {@code deal-members-only},
     *                                                   {@code deal-limit-reached}, {@code deal-waitlist-first}
     * @throws dev.zaiko.platform.InvalidRequestException the deal does not sell that SKU on that channel
     */
    ReservationOutcome reserve(DealPurchase purchase);

    /**
     * Checks an order line that names the deal: the SKU and channel are the deal's and the unit price
     * is the deal price.
     *
     * @param field the request field to name in a refusal, e.g. {@code lines[0].unitPrice}
     * @throws dev.zaiko.platform.InvalidRequestException {@code deal-price-mismatch} and the like, naming the field
     */
    void checkLine(String deal, String channel, String sku, long unitPrice, String field);
}
