package dev.zaiko.order;

import java.util.Optional;

/**
 * When the shop gives the shipping fee back because of its own miss: nothing of the order will be
 * delivered any more (every line cancelled), or an express order will not arrive on the date the
 * shop promised (a line now waits for an inbound that arrives on or after that date, or comes from
 * a supplier or another store after it). The fee paid for a speed the shop cannot deliver is not
 * the customer's to lose. Given back once per order, whatever happens to it later.
 */
public final class ShippingFeeGoesBack {

    private ShippingFeeGoesBack() {
    }

    /** @return why the fee goes back (for the order's history), or empty when it stays */
    public static Optional<String> because(Order order) {
        if (order.shippingFee() == 0) return Optional.empty();
        if (order.lines().stream().allMatch(l -> l.status() == OrderStatus.CANCELLED)) {
            return Optional.of("nothing of the order is delivered any more.");
        }
        if (!order.express() || order.promisedDate() == null) return Optional.empty();
        for (Order.Line l : order.lines()) {
            if (l.status() == OrderStatus.CANCELLED || l.promisedDate() == null) continue;
            // a backordered line's date is the inbound's arrival at the shop: the customer gets it later still
            boolean late = l.status() == OrderStatus.BACKORDERED ? !l.promisedDate().isBefore(order.promisedDate())
                    : l.fulfilment() != null && l.promisedDate().isAfter(order.promisedDate());
            if (late) {
                return Optional.of("the express delivery promised for " + order.promisedDate()
                        + " cannot be kept (line " + l.lineNo() + " comes " + l.promisedDate() + ").");
            }
        }
        return Optional.empty();
    }
}
