package dev.zaiko.refund;

import java.util.Optional;

import dev.zaiko.order.Order;
import dev.zaiko.stockout.StockoutDecided;

/** Whatever the customer chose, the shop missed: a standard apology coupon. */
final class EveryStockoutGetsAnApology implements ApologyPolicy {

    @Override
    public Optional<RefundProperties.Apology> apology(Order order, StockoutDecided decided,
                                                      RefundProperties properties) {
        return Optional.of(properties.apologyStandard());
    }
}
