package dev.zaiko.order;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.zaiko.platform.InvalidRequestException;

/**
 * An order's payment must add up to what was ordered, in whole yen:
 * {@code amount + pointsUsed + giftBalanceUsed + couponDiscount == sum(quantity * unitPrice) + shippingFee}.
 * Refunds are computed from these numbers, so an order whose numbers disagree is refused on every
 * channel (marketplaces included: see docs/orders.md) before anything is reserved or written.
 */
final class PaymentBalance {

    static final String MISMATCH = "payment-mismatch";

    private PaymentBalance() {
    }

    /** @throws InvalidRequestException {@value #MISMATCH} (400) stating both totals */
    static void check(OrderRequest r) {
        OrderRequest.Payment p = r.payment();
        long lines = linesTotal(r);
        long fee = orZero(r.shippingFee());
        long ordered = Math.addExact(lines, fee);
        long points = orZero(p.pointsUsed());
        long gift = orZero(p.giftBalanceUsed());
        long coupon = orZero(p.couponDiscount());
        long paid = p.amount() + points + gift + coupon; // each at most MAX_YEN: no overflow
        if (paid == ordered) return;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("orderTotal", ordered);
        facts.put("linesTotal", lines);
        facts.put("shippingFee", fee);
        facts.put("paymentTotal", paid);
        facts.put("amount", p.amount());
        facts.put("pointsUsed", points);
        facts.put("giftBalanceUsed", gift);
        facts.put("couponDiscount", coupon);
        facts.put("difference", paid - ordered);
        throw new InvalidRequestException(MISMATCH, "The payment does not add up to the order: amount " + p.amount()
                + " + pointsUsed " + points + " + giftBalanceUsed " + gift + " + couponDiscount " + coupon + " = "
                + paid + " yen, but the lines (quantity x unitPrice) come to " + lines + " yen and the shippingFee to "
                + fee + ", " + ordered + " yen in all (" + Math.abs(paid - ordered) + " yen "
                + (paid > ordered ? "too much" : "short") + "). Nothing was reserved or recorded.", facts);
    }

    /** The lines' quantity x unitPrice, before the shipping fee. */
    static long linesTotal(OrderRequest r) {
        long lines = 0;
        for (OrderRequest.Line line : r.lines()) {
            lines = Math.addExact(lines, Math.multiplyExact((long) line.quantity(), line.unitPrice()));
        }
        return lines;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
