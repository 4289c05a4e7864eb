package dev.zaiko.refund;

import java.util.Optional;

import dev.zaiko.order.Order;
import dev.zaiko.stockout.StockoutDecided;

/** One of the shop's rules for an apology coupon ({@link ApologyPolicies} lists them). */
interface ApologyPolicy {

    /** @return the coupon this rule gives, or empty when the rule does not apply (the next one decides) */
    Optional<RefundProperties.Apology> apology(Order order, StockoutDecided decided, RefundProperties properties);
}
