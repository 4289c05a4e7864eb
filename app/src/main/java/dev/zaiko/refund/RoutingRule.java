package dev.zaiko.refund;

import java.util.Optional;

/** One of the shop's rules for how a part of a payment goes back ({@link RefundRoutes} lists them). */
interface RoutingRule {

    /** @return the route when this rule decides the part, else empty (the next rule decides) */
    Optional<Route> route(PaymentFacts payment, Means means);
}
