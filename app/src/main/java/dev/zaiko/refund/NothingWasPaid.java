package dev.zaiko.refund;

import java.util.Optional;

/** Cash on delivery, or a payment slip or transfer not paid yet: nothing to give back, the amount is not collected. */
final class NothingWasPaid implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.PAYMENT
                && ("COD".equals(payment.method()) || "UNPAID".equals(payment.status()))
                ? Optional.of(Route.NOTHING_PAID)
                : Optional.empty();
    }
}
