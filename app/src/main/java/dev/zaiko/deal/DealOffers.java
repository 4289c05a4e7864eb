package dev.zaiko.deal;

import java.time.Instant;
import java.util.List;

/**
 * What a channel offers of a SKU now: the regular stock at the regular price and every LIVE
 * deal's units at the deal price ({@code GET /api/deals/offers}).
 */
public record DealOffers(String sku, String channel, Regular regular, List<Offer> deals) {

    /** @param ats what the channel may sell from regular stock (deal units are not in it) */
    public record Regular(int ats, long price) {
    }

    /**
     * @param remaining        units still for sale in the deal
     * @param memberSegment    members of this segment only; null for everyone
     * @param perCustomerLimit most units per customer; null for no limit
     */
    public record Offer(String code, long price, int remaining, Instant endsAt, boolean membersOnly,
                        String memberSegment, Integer perCustomerLimit) {
    }
}
