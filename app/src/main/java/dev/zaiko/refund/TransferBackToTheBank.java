package dev.zaiko.refund;

import java.util.Optional;

/** A prepaid bank transfer goes back by transfer to the customer's account. */
final class TransferBackToTheBank implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.PAYMENT
                && "BANK_TRANSFER".equals(payment.method())
                ? Optional.of(Route.BANK_TRANSFER)
                : Optional.empty();
    }
}
