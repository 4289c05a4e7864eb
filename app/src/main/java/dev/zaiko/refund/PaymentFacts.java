package dev.zaiko.refund;

import java.util.EnumMap;
import java.util.Map;

import dev.zaiko.order.Order;

/**
 * How an order was paid, part by part, and what a route depends on. A payment by gift balance
 * as the method is gift balance too: it goes back the same way as gift balance used beside money.
 *
 * @param marketplace the order came from a marketplace, which took the payment itself
 */
record PaymentFacts(boolean marketplace, String method, String status, Map<Means, Long> paid) {


    PaymentFacts {
        paid = Map.copyOf(paid);
    }

    static PaymentFacts of(Order order, boolean marketplace) {
        Order.Payment p = order.payment();
        Map<Means, Long> paid = new EnumMap<>(Means.class);
        paid.put(Means.PAYMENT, p.moneyPaid());
        paid.put(Means.GIFT_BALANCE, p.giftBalanceSpent());
        paid.put(Means.POINTS, p.pointsUsed());
        paid.put(Means.COUPON, p.couponDiscount());
        return new PaymentFacts(marketplace, p.method(), p.status(), paid);
    }

    long paid(Means means) {
        return paid.getOrDefault(means, 0L);
    }
}
