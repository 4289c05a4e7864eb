package dev.zaiko.refund;

import java.util.Optional;

/** A captured card payment is refunded through the gateway. */
final class RefundTheCard implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.PAYMENT && "CREDIT_CARD".equals(payment.method())
                ? Optional.of(Route.CARD_REFUND)
                : Optional.empty();
    }
}
