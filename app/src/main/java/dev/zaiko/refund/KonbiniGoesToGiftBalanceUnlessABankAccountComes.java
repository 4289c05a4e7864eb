package dev.zaiko.refund;

import java.util.Optional;

/** Cash paid at a convenience store: gift balance by default, a bank transfer if the customer registers an account before the deadline. */
final class KonbiniGoesToGiftBalanceUnlessABankAccountComes implements RoutingRule {

    @Override
    public Optional<Route> route(PaymentFacts payment, Means means) {
        return means == Means.PAYMENT && "KONBINI".equals(payment.method())
                ? Optional.of(Route.KONBINI)
                : Optional.empty();
    }
}
