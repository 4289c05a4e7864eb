package dev.zaiko.connector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An order as a platform holds it, in the port's own words: what a platform adapter reads from its
 * order API and hands to the core, which maps it to Zaiko's SKUs and records it (or keeps it in the
 * import inbox with the reason). Amounts are whole yen.
 *
 * @param orderId   the platform's order id (becomes the order's {@code externalRef})
 * @param createdAt when the buyer ordered, by the platform's own clock (the import lag starts here)
 * @param updatedAt the platform's last change of the order, when it says (else {@code createdAt})
 * @param state     OPEN (to be recorded) or CANCELLED (the buyer or the platform cancelled it)
 * @param buyer     who ordered; the email is where Zaiko writes to the buyer (a marketplace relay
 *                  address is fine), null when the platform did not give it
 * @param payment   what the buyer paid and how
 * @param shippingFee the shipping the buyer paid
 * @param lines     the ordered items
 * @param raw       the platform's own record of the order, as read (shown in the inbox; never parsed again)
 */
public record PlatformOrder(String orderId, Instant createdAt, Instant updatedAt, State state, Buyer buyer,
                            Payment payment, long shippingFee, List<Line> lines, String raw) {

    public PlatformOrder {
        lines = lines == null ? List.of() : List.copyOf(lines);
        if (updatedAt == null) updatedAt = createdAt;
    }

    public enum State { OPEN, CANCELLED }

    /** @param locale ja or en where the platform says, else null (Japanese) */
    public record Buyer(String name, String email, String phone, String locale) {
    }

    /**
     * @param method    one of Zaiko's payment methods (CREDIT_CARD, DEBIT_CARD, KONBINI, BANK_TRANSFER,
     *                  PAYPAY, GIFT_BALANCE, COD): the adapter translates the platform's names
     * @param amount    what the buyer pays in money
     * @param pointsUsed the marketplace's points spent on the order
     * @param couponDiscount what the platform's coupons took off
     * @param reference the platform's payment id where it has one, else null
     */
    public record Payment(String method, long amount, long pointsUsed, long couponDiscount, String reference) {
    }

    /**
     * @param lineId      the platform's id of the line (Amazon OrderItemId, Rakuten itemDetailId, …), or null
     * @param platformSku the seller's SKU text on the platform, when it has one (matched to a Zaiko SKU
     *                    when no mapping says otherwise)
     * @param identifiers the platform's item identifiers by the names the mapping uses
     *                    ({@code sellerSku}; {@code manageNumber} and {@code variantId}; …)
     * @param quantity    units ordered
     * @param unitPrice   price of one unit, tax included, whole yen
     */
    public record Line(String lineId, String platformSku, Map<String, String> identifiers, int quantity,
                       long unitPrice) {

        public Line {
            identifiers = identifiers == null ? Map.of() : Map.copyOf(identifiers);
        }
    }

    /**
     * One pull's answer: the orders changed since the cursor, and the cursor to ask from next.
     *
     * @param nextCursor where the next pull starts (stored only after every order of the page was
     *                   recorded or kept in the inbox)
     * @param more       true when the platform has more pages right now
     */
    public record Page(List<PlatformOrder> orders, String nextCursor, boolean more) {

        public Page {
            orders = List.copyOf(orders);
        }
    }
}
