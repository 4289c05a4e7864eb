package dev.zaiko.refund;

import java.util.Optional;

/** A marketplace took the payment, points and coupons: it gives them back itself when the line is cancelled there. */
final class ReturnedByTheMarketplace implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return payment.marketplace()
                ? Optional.of(Route.MARKETPLACE)
                : Optional.empty();
    }
}
