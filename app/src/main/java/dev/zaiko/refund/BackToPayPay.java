package dev.zaiko.refund;

import java.util.Optional;

/** A PayPay payment goes back to the PayPay balance. */
final class BackToPayPay implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.PAYMENT && "PAYPAY".equals(payment.method())
                ? Optional.of(Route.PAYPAY_REFUND)
                : Optional.empty();
    }
}
