package dev.zaiko.refund;

import java.util.Optional;

/** Points spent on the order are restored (re-granted with a new validity if they expired meanwhile). */
final class PointsAreRestored implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.POINTS
                ? Optional.of(Route.POINTS)
                : Optional.empty();
    }
}
