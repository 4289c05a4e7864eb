package dev.zaiko.refund;

import java.util.Optional;

/** The coupon is unused again, or replaced by an equivalent one when its campaign has ended. */
final class CouponIsRestored implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.COUPON
                ? Optional.of(Route.COUPON)
                : Optional.empty();
    }
}
