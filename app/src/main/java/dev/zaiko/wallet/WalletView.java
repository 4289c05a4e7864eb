package dev.zaiko.wallet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer's wallet as it is today.
 *
 * @param today       the day the balances are for (the shop's zone)
 * @param points      spendable points: the remaining of every lot still valid today
 * @param giftBalance spendable gift balance, likewise
 * @param lots        every lot, oldest first
 * @param entries     every entry of those lots, oldest first
 * @param coupons     the coupons issued for this customer, newest first
 */
public record WalletView(LocalDate today, long points, long giftBalance, List<Lot> lots, List<Entry> entries,
                         List<Coupon> coupons) {

    public WalletView {
        lots = List.copyOf(lots);
        entries = List.copyOf(entries);
        coupons = List.copyOf(coupons);
    }

    /**
     * @param kind      {@code POINTS} or {@code GIFT_BALANCE}
     * @param amount    what was granted
     * @param remaining the sum of the lot's entries
     * @param expired   its validity ended before today: what remains can no longer be spent
     * @param source    {@code GRANT} (staff), {@code CREDIT} (a refund paid as gift balance) or {@code REGRANT}
     *                  (an order's points or balance given back after the lot they came from expired)
     */
    public record Lot(long id, String kind, long amount, long remaining, LocalDate validUntil, boolean expired,
                      String source, String reason, Instant createdAt) {
    }

    /**
     * @param kind        {@code GRANT}, {@code REDEEM} (negative), {@code RETURN} or {@code REGRANT}
     * @param orderNumber the order that spent or got back (null for a grant)
     * @param originLotId for a REGRANT, the expired lot it stands in for
     */
    public record Entry(long id, long lotId, String kind, long amount, String orderNumber, Long originLotId,
                        Instant at) {
    }
}
