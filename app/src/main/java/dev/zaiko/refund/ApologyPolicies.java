package dev.zaiko.refund;

import java.util.List;
import java.util.Optional;

import dev.zaiko.order.Order;
import dev.zaiko.stockout.StockoutDecided;

/**
 * The shop's apology-coupon rules in the order they are asked; the first that applies decides,
 * and a coupon the shop switched off ({@code enabled=false}) means none. Orders from
 * marketplaces get none: the shop's coupon is for its own store, and marketplaces do not allow
 * steering their customers there.
 */
final class ApologyPolicies {

    static final List<ApologyPolicy> ALL = List.of(
            new UrgentOrdersGetTheLargerApology(),
            new EveryStockoutGetsAnApology());

    private ApologyPolicies() {
    }

    /** @return the coupon and the name of the rule that gave it */
    static Optional<Named> apology(Order order, boolean marketplace, StockoutDecided decided,
                                   RefundProperties properties) {
        if (marketplace) return Optional.empty();
        for (ApologyPolicy policy : ALL) {
            Optional<RefundProperties.Apology> a = policy.apology(order, decided, properties);
            if (a.isPresent()) {
                return a.get().enabled() ? Optional.of(new Named(a.get(), policy.getClass().getSimpleName()))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    record Named(RefundProperties.Apology coupon, String policy) {
    }
}
