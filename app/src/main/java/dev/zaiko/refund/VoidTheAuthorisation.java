package dev.zaiko.refund;

import java.util.Optional;

/** A card, debit card or PayPay payment only authorised: the hold is released and nothing is charged. */
final class VoidTheAuthorisation implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.PAYMENT && "AUTHORIZED".equals(payment.status())
                && RefundRoutes.THROUGH_THE_GATEWAY.contains(payment.method())
                ? Optional.of(Route.VOID)
                : Optional.empty();
    }
}
