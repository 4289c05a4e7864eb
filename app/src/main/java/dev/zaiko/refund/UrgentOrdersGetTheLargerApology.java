package dev.zaiko.refund;

import java.util.Optional;

import dev.zaiko.order.Order;
import dev.zaiko.stockout.StockoutDecided;

/** Express, gift and business orders had a date that mattered: they get the larger apology coupon. */
final class UrgentOrdersGetTheLargerApology implements ApologyPolicy {

    @Override
    public Optional<RefundProperties.Apology> apology(Order order, StockoutDecided decided,
                                                      RefundProperties properties) {
        return order.express() || order.gift() || order.b2b() ? Optional.of(properties.apologyUrgent())
                : Optional.empty();
    }
}
