package dev.zaiko.refund;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shop's routing rules in the order they are asked: the first that decides a part of a
 * payment gives its route. Marketplaces first (they hold the money), then the shop's own ledgers,
 * then what was never paid, then money by payment method.
 */
final class RefundRoutes {

    static final Set<String> THROUGH_THE_GATEWAY = Set.of("CREDIT_CARD", "DEBIT_CARD", "PAYPAY");

    static final List<RoutingRule> ALL = List.of(
            new ReturnedByTheMarketplace(),
            new GiftBalanceGoesBackToTheBalance(),
            new PointsAreRestored(),
            new CouponIsRestored(),
            new NothingWasPaid(),
            new VoidTheAuthorisation(),
            new RefundTheCard(),
            new RefundTheDebitCard(),
            new BackToPayPay(),
            new KonbiniGoesToGiftBalanceUnlessABankAccountComes(),
            new TransferBackToTheBank());

    private RefundRoutes() {
    }

    static Route route(PaymentFacts payment, Means means) {
        for (RoutingRule rule : ALL) {
            Optional<Route> route = rule.route(payment, means);
            if (route.isPresent()) return route.get();
        }
        throw new IllegalStateException("No route for " + means + " of a " + payment.method() + " payment ("
                + payment.status() + ")");
    }
}
