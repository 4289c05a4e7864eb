package dev.zaiko.refund;

import java.util.Optional;

/** A debit card payment is refunded to the account it came from. */
final class RefundTheDebitCard implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.PAYMENT && "DEBIT_CARD".equals(payment.method())
                ? Optional.of(Route.DEBIT_REFUND)
                : Optional.empty();
    }
}
