package dev.zaiko.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.order.OrderRequest;

/**
 * A platform's order in Zaiko's words: each line's Zaiko SKU (from the channel's mapping, else the
 * platform's SKU text when it names a Zaiko SKU), the buyer, the payment and the shipping. What
 * cannot be translated is refused with a reason a person can act on, and the order is kept in the
 * import inbox; nothing of it is recorded.
 */
final class OrderTranslation {

    /** Reasons an order is kept in the inbox (stable codes; the console words them). */
    enum Reason {
        /** A line's item is mapped to no Zaiko SKU, or to several. */
        UNKNOWN_SKU,
        /** Money, points and coupons do not add up to the lines and the shipping. */
        PAYMENT_MISMATCH,
        /** No buyer name or email to write to. */
        BUYER_MISSING,
        /** No lines, a quantity below 1, a negative price, a payment method Zaiko does not know. */
        MALFORMED,
        /** Zaiko's order path refused it (its words say why). */
        REFUSED
    }

    record Refusal(Reason reason, String message) {
    }

    /** Either the order to place or why not. */
    record Result(OrderRequest request, Refusal refusal) {
        static Result refused(Reason reason, String message) {
            return new Result(null, new Refusal(reason, message));
        }
    }

    /** The channel's mapping, read once per pull: Zaiko SKU → the platform's identifiers. */
    record Mapping(Map<String, Map<String, String>> bySku) {

        /**
         * The Zaiko SKU of a platform line: the mapping whose identifiers agree with the line on every
         * name both have (at least one); with several, the one agreeing on most names, and none when
         * that is still a tie. Without a mapping, the platform's SKU text when it is a mapped SKU or
         * not mapped at all (the catalog decides whether it exists).
         */
        Optional<String> skuOf(PlatformOrder.Line line) {
            String best = null;
            int bestScore = 0;
            boolean tie = false;
            for (Map.Entry<String, Map<String, String>> m : bySku.entrySet()) {
                int score = 0;
                boolean disagrees = false;
                for (Map.Entry<String, String> id : m.getValue().entrySet()) {
                    String given = line.identifiers().get(id.getKey());
                    if (given == null) continue;
                    if (given.equals(id.getValue())) score++;
                    else disagrees = true;
                }
                if (disagrees || score == 0) continue;
                if (score > bestScore) {
                    best = m.getKey();
                    bestScore = score;
                    tie = false;
                } else if (score == bestScore) {
                    tie = true;
                }
            }
            if (best != null) return tie ? Optional.empty() : Optional.of(best);
            String own = line.platformSku();
            if (own == null || own.isBlank()) return Optional.empty();
            return Optional.of(own.strip());
        }
    }

    static final List<String> METHODS = List.of("CREDIT_CARD", "DEBIT_CARD", "KONBINI", "BANK_TRANSFER", "PAYPAY",
            "GIFT_BALANCE", "COD");

    /** The coupon code an order records for the platform's own coupons (the platform pays for them). */
    static final String MARKETPLACE_COUPON = "MARKETPLACE";

    private OrderTranslation() {
    }

    static Result translate(String channel, PlatformOrder order, Mapping mapping) {
        if (order.orderId() == null || order.orderId().isBlank()) {
            return Result.refused(Reason.MALFORMED, "The order has no id.");
        }
        if (order.lines().isEmpty()) return Result.refused(Reason.MALFORMED, "The order has no lines.");
        PlatformOrder.Buyer buyer = order.buyer();
        if (buyer == null || blank(buyer.name()) || blank(buyer.email())) {
            return Result.refused(Reason.BUYER_MISSING, "The platform gave no buyer "
                    + (buyer == null || blank(buyer.name()) ? "name" : "email")
                    + ": Zaiko could not write to the buyer about a missing item. Give the connection the"
                    + " platform's buyer-information permission.");
        }
        PlatformOrder.Payment payment = order.payment();
        if (payment == null || !METHODS.contains(payment.method())) {
            return Result.refused(Reason.MALFORMED, "Payment method " + (payment == null ? "missing" : "'"
                    + payment.method() + "'") + " is not one Zaiko knows.");
        }
        List<OrderRequest.Line> lines = new ArrayList<>();
        long linesTotal = 0;
        for (int i = 0; i < order.lines().size(); i++) {
            PlatformOrder.Line line = order.lines().get(i);
            String which = "Line " + (i + 1) + describe(line);
            if (line.quantity() < 1) return Result.refused(Reason.MALFORMED, which + " has quantity " + line.quantity() + ".");
            if (line.unitPrice() < 0) return Result.refused(Reason.MALFORMED, which + " has a negative price.");
            Optional<String> sku = mapping.skuOf(line);
            if (sku.isEmpty()) {
                return Result.refused(Reason.UNKNOWN_SKU, which + " is mapped to no Zaiko SKU (or to several):"
                        + " map it on the connector page, then try again.");
            }
            lines.add(new OrderRequest.Line(sku.get(), line.quantity(), line.unitPrice()));
            linesTotal += line.quantity() * line.unitPrice();
        }
        long paid = payment.amount() + payment.pointsUsed() + payment.couponDiscount();
        long due = linesTotal + order.shippingFee();
        if (paid != due) {
            return Result.refused(Reason.PAYMENT_MISMATCH, "The payment does not add up: " + payment.amount()
                    + " paid + " + payment.pointsUsed() + " points + " + payment.couponDiscount()
                    + " coupons = " + paid + " yen, but the lines and shipping come to " + due + " yen.");
        }
        String locale = "en".equals(buyer.locale()) ? "en" : "ja";
        OrderRequest request = new OrderRequest(channel, order.orderId(),
                new OrderRequest.Customer(buyer.name(), buyer.email(), blank(buyer.phone()) ? null : buyer.phone(), locale),
                new OrderRequest.Payment(payment.method(), "COD".equals(payment.method()) ? "UNPAID" : "PAID",
                        payment.amount(), payment.pointsUsed(), payment.couponDiscount() > 0 ? MARKETPLACE_COUPON : null,
                        payment.couponDiscount() > 0 ? payment.couponDiscount() : null, null, payment.reference()),
                false, null, false, false, null, order.shippingFee(), lines);
        return new Result(request, null);
    }

    private static String describe(PlatformOrder.Line line) {
        if (!line.identifiers().isEmpty()) return " (" + line.identifiers() + ")";
        return line.platformSku() != null ? " (" + line.platformSku() + ")" : "";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
