package dev.zaiko.refund;

import java.util.Optional;

/** Gift balance spent on the order is credited back at once (with a new validity if it expired meanwhile). */
final class GiftBalanceGoesBackToTheBalance implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.GIFT_BALANCE
                ? Optional.of(Route.GIFT_BALANCE)
                : Optional.empty();
    }
}
