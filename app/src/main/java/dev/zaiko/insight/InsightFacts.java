package dev.zaiko.insight;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.zaiko.catalog.PriceChanged;
import dev.zaiko.contact.CallReported;
import dev.zaiko.inventory.StockCounted;
import dev.zaiko.inventory.TillSold;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.refund.ApologyCouponIssued;
import dev.zaiko.refund.RefundCompleted;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import dev.zaiko.wallet.CouponRedeemed;

/**
 * Every kind of fact insight keeps, listed once: which event, the key that makes it one fact however
 * often it is delivered (delivery is at least once), and when it happened. A new fact kind is one line
 * here and one listener in {@link InsightListeners}.
 */
final class InsightFacts {

    record Kind<E>(Class<E> type, Function<E, String> key, Function<E, Instant> occurredAt) {

        String keyOf(Object event) {
            return key.apply(type.cast(event));
        }

        Instant occurredAtOf(Object event) {
            return occurredAt.apply(type.cast(event));
        }
    }

    static final List<Kind<?>> ALL = List.of(
            new Kind<>(OrderPlaced.class, OrderPlaced::orderNumber, OrderPlaced::placedAt),
            new Kind<>(TillSold.class, e -> Long.toString(e.movementId()), TillSold::soldAt),
            new Kind<>(StockCounted.class, e -> e.sku() + "|" + e.location() + "|" + e.at(), StockCounted::at),
            new Kind<>(CouponRedeemed.class, e -> e.couponCode() + "|" + e.orderNumber(), CouponRedeemed::at),
            new Kind<>(PriceChanged.class, e -> e.sku() + "|" + e.at(), PriceChanged::at),
            new Kind<>(CallReported.class, e -> e.callId().toString(), CallReported::at),
            new Kind<>(StockoutOpened.class, StockoutOpened::caseId, StockoutOpened::detectedAt),
            new Kind<>(StockoutDecided.class, e -> e.caseId() + "|" + e.decidedLine() + "|" + e.decidedAt(),
                    StockoutDecided::decidedAt),
            new Kind<>(StockoutWithdrawn.class, StockoutWithdrawn::caseId, StockoutWithdrawn::at),
            new Kind<>(RefundCompleted.class, RefundCompleted::refundId, RefundCompleted::at),
            new Kind<>(ApologyCouponIssued.class, e -> e.caseId() + "|" + e.couponCode(), ApologyCouponIssued::at),
            new Kind<>(EmailSent.class, e -> e.id().toString(), EmailSent::at));

    static Optional<Kind<?>> of(Class<?> type) {
        return ALL.stream().filter(k -> k.type().equals(type)).findFirst();
    }

    static Kind<?> named(String typeName) {
        return ALL.stream().filter(k -> k.type().getName().equals(typeName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("insight keeps no fact of type " + typeName));
    }

    private InsightFacts() {
    }
}
