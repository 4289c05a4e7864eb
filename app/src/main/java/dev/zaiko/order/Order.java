package dev.zaiko.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A recorded order with its lines and status history. Amounts are whole yen.
 *
 * @param promisedDate the delivery date the shop promised for an express order; null when not
 *                     express, or express from a marketplace that sent no date
 */
public record Order(OrderNumber orderNumber, String channel, String externalRef, OrderStatus status,
                    Customer customer, Payment payment, boolean express, LocalDate promisedDate, boolean gift,
                    boolean b2b, LocalDate neededBy, long shippingFee, Instant placedAt, List<Line> lines,
                    List<StatusChange> history, boolean shippingFeeRefunded) {

    public Order {
        lines = List.copyOf(lines);
        history = List.copyOf(history);
    }

    /**
     * @param segment the buyer's member segment the order was placed with (its reservations could
     *                take units kept for that segment), or null
     */
    public record Customer(String name, String email, String phone, String locale, String segment) {

        public Customer(String name, String email, String phone, String locale) {
            this(name, email, phone, locale, null);
        }

        /** Personal data stays out of logs; this is what {@code toString} shows instead. */
        @Override
        public String toString() {
            return "Customer[locale=" + locale + ", segment=" + segment + "]";
        }
    }

    /**
     * @param couponDiscount what the coupon took off, whole yen (0 without a coupon)
     * @param reference      the payment provider's id for the payment (card, debit card, PayPay), as
     *                       the checkout sent it; null when it sent none (refunds then name the
     *                       payment by the order number, as gateways that key on the shop's order id do)
     */
    public record Payment(String method, String status, long amount, long pointsUsed, String couponCode,
                          long couponDiscount, long giftBalanceUsed, String reference) {

        public Payment(String method, String status, long amount, long pointsUsed, String couponCode,
                       long couponDiscount, long giftBalanceUsed) {
            this(method, status, amount, pointsUsed, couponCode, couponDiscount, giftBalanceUsed, null);
        }

        public static final String GIFT_BALANCE = "GIFT_BALANCE";

        /** The gift balance spent: beside the money, and the money itself when the method is the gift balance. */
        public static long giftBalanceSpent(String method, long amount, long giftBalanceUsed) {
            return giftBalanceUsed + (GIFT_BALANCE.equals(method) ? amount : 0);
        }

        public long giftBalanceSpent() {
            return giftBalanceSpent(method, amount, giftBalanceUsed);
        }

        /** Money from outside the shop's own ledgers (none when the whole payment is gift balance). */
        public long moneyPaid() {
            return GIFT_BALANCE.equals(method) ? 0 : amount;
        }

        /** Money, points, gift balance and coupon together: what the customer gave for the order. */
        public long total() {
            return amount + pointsUsed + giftBalanceUsed + couponDiscount;
        }
    }

    /**
     * @param reservationId the inventory reservation holding the units, if any
     * @param promisedDate  for a backordered line, the date its inbound is expected; for a line
     *                      fulfilled from elsewhere, the date it is expected to reach the customer
     * @param fromLine      the line this one was split from by a stockout decision (its short units,
     *                      or their substitute); null for a line as ordered
     * @param fulfilment    null when the line ships from the channel's own pool
     * @param externalLineRef the marketplace's own id of the line (Amazon OrderItemId, Rakuten
     *                      itemDetailId, Yahoo! LineId, Shopify LineItem id) as the order was placed
     *                      with it; null when it came without. Both parts of a line split for its
     *                      missing units keep it; a substitute's line has none.
     * @param promisedInboundId for a BACKORDERED line, the inventory inbound whose free units it is
     *                      promised (its date is {@code promisedDate}); null when it waits without a date,
     *                      or was backordered by a decision that named only a date
     */
    public record Line(int lineNo, String sku, int quantity, long unitPrice, OrderStatus status, UUID reservationId,
                       LocalDate promisedDate, Integer fromLine, Fulfilment fulfilment, String externalLineRef,
                       Long promisedInboundId) {

        public Line(int lineNo, String sku, int quantity, long unitPrice, OrderStatus status, UUID reservationId,
                    LocalDate promisedDate, Integer fromLine, Fulfilment fulfilment, String externalLineRef) {
            this(lineNo, sku, quantity, unitPrice, status, reservationId, promisedDate, fromLine, fulfilment,
                    externalLineRef, null);
        }

        /** The same line promised another inbound (or none: both null). */
        public Line promised(Long inboundId, LocalDate date) {
            return new Line(lineNo, sku, quantity, unitPrice, status, reservationId, date, fromLine, fulfilment,
                    externalLineRef, inboundId);
        }

        public Line(int lineNo, String sku, int quantity, long unitPrice, OrderStatus status, UUID reservationId,
                    LocalDate promisedDate, Integer fromLine, Fulfilment fulfilment) {
            this(lineNo, sku, quantity, unitPrice, status, reservationId, promisedDate, fromLine, fulfilment, null);
        }

        public Line(int lineNo, String sku, int quantity, long unitPrice, OrderStatus status, UUID reservationId,
                    LocalDate promisedDate) {
            this(lineNo, sku, quantity, unitPrice, status, reservationId, promisedDate, null, null);
        }

        /** The holder written on the line's reservation: {@code <orderNumber>#<lineNo>}. */
        public static String holder(OrderNumber orderNumber, int lineNo) {
            return orderNumber + "#" + lineNo;
        }
    }

    /**
     * How a line reaches the customer when not from the channel's own pool.
     *
     * @param route  {@code DROP_SHIP} (the supplier sends it to the customer) or {@code TRANSFER}
     *               (another store or warehouse outside the channel's pool sends it)
     * @param source the supplier's name, or the location code the transfer comes from
     */
    public record Fulfilment(String route, String source) {
        public static final String DROP_SHIP = "DROP_SHIP";
        public static final String TRANSFER = "TRANSFER";
    }

    /**
     * @param lineNo null for a change of the order's own status
     * @param from   null for the first status
     * @param actor  {@code api} (a request) or {@code system} (Zaiko's own decision)
     */
    public record StatusChange(Integer lineNo, OrderStatus from, OrderStatus to, String actor, String reason,
                               Instant at) {
    }

    /** What the customer paid for the lines, by every means together, without the shipping fee. */
    public long paidForLines() {
        return payment.total() - shippingFee;
    }

    /** What the lines still to be delivered are worth: every line not cancelled, at the price it is sold at. */
    public long liveLinesValue() {
        return lines.stream().filter(l -> l.status() != OrderStatus.CANCELLED)
                .mapToLong(l -> l.quantity() * l.unitPrice()).sum();
    }

    /**
     * What the shop owes the customer back because of changes to the order: what was paid for the
     * lines but will not be delivered (cancelled lines and units, a cheaper substitute's
     * difference), and the shipping fee once it is given back. Refunds must add up to this.
     */
    public long refundDue() {
        return paidForLines() - liveLinesValue() + (shippingFeeRefunded ? shippingFee : 0);
    }

    /**
     * The units of the same marketplace line ({@link Line#externalLineRef}) that the order still
     * keeps on its other lines: the parts of a split line that are not cancelled. 0 for a line
     * without a ref.
     */
    public int unitsKeptOnPlatformLine(int lineNo) {
        String ref = line(lineNo).externalLineRef();
        if (ref == null) return 0;
        return lines.stream().filter(l -> l.lineNo() != lineNo && ref.equals(l.externalLineRef())
                && l.status() != OrderStatus.CANCELLED).mapToInt(Line::quantity).sum();
    }

    public Line line(int lineNo) {
        return lines.stream().filter(l -> l.lineNo() == lineNo).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No line " + lineNo));
    }
}
