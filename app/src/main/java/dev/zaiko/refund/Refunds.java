package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.zaiko.order.OrderNumber;
import org.springframework.stereotype.Service;

/**
 * What other modules may read about refunds: the refunds of an order or of one stockout
 * decision as the customer is told them, and the apology coupons given.
 */
@Service
public class Refunds {

    private final RefundStore store;
    private final RefundTexts texts;
    private final Clock clock;

    Refunds(RefundStore store, RefundTexts texts, Clock clock) {
        this.store = store;
        this.texts = texts;
        this.clock = clock;
    }

    /**
     * One refund as the customer sees it.
     *
     * @param lineNo         0 for the shipping fee
     * @param text           where the money goes and when it arrives, in the customer's words
     * @param awaitingAccount true while the refund waits for the customer's bank account
     */
    public record CustomerRefund(UUID id, String caseId, String orderNumber, int lineNo, String means, String route,
                                 String routeText, long amount, String currency, String status, String statusText,
                                 LocalDate expectedFrom, LocalDate expectedBy, Instant accountDeadline,
                                 boolean awaitingAccount, String text) {
    }

    /** An apology coupon given for a stockout. @param percent null for a fixed amount */
    public record ApologyCoupon(String caseId, String orderNumber, String couponCode, long amount, Integer percent,
                                LocalDate validUntil) {
    }

    /** @param orderNumber as customers read it, or its 17 digits */
    public List<CustomerRefund> ofOrder(String orderNumber, Locale locale) {
        return store.ofOrder(OrderNumber.parse(orderNumber).toString()).stream().map(r -> view(r, locale)).toList();
    }

    /** The refunds one stockout decision asked for. */
    public List<CustomerRefund> ofCase(String orderNumber, String caseId, Locale locale) {
        return ofOrder(orderNumber, locale).stream().filter(r -> caseId.equals(r.caseId())).toList();
    }

    /**
     * One step of a refund's life (requested, moved route, completed, failed) for a staff timeline.
     *
     * @param note what happened, in the reader's language (an older step: the English it was stored in)
     */
    public record RefundStep(Instant at, UUID refundId, long amount, String routeText, String statusText,
                             String actor, String note) {
    }

    /** Every step of the refunds one stockout decision asked for, oldest first. */
    public List<RefundStep> stepsOfCase(String orderNumber, String caseId, Locale locale) {
        return store.ofOrder(OrderNumber.parse(orderNumber).toString()).stream()
                .filter(r -> caseId.equals(r.caseId()))
                .flatMap(r -> r.history().stream().map(h -> new RefundStep(h.at(), r.id(), r.amount(),
                        texts.route(h.route() == null ? r.route() : h.route(), locale),
                        texts.status(h.to(), locale), h.actor(), texts.note(h, locale))))
                .sorted(java.util.Comparator.comparing(RefundStep::at))
                .toList();
    }

    public List<ApologyCoupon> apologyCoupons(String orderNumber) {
        return store.compensations(OrderNumber.parse(orderNumber).toString()).stream()
                .filter(c -> CompensatingStockouts.APOLOGY_COUPON.equals(c.kind()))
                .map(c -> new ApologyCoupon(c.caseId(), c.orderNumber(), c.couponCode(), c.amount(), c.percent(),
                        c.validUntil()))
                .toList();
    }

    private CustomerRefund view(Refund r, Locale locale) {
        return new CustomerRefund(r.id(), r.caseId(), r.orderNumber(), r.lineNo(), r.means().name(), r.route().name(),
                texts.route(r.route(), locale), r.amount(), r.currency(), r.status().name(),
                texts.status(r.status(), locale), r.expectedFrom(), r.expectedBy(), r.accountDeadline(),
                r.status() == RefundStatus.AWAITING_ACCOUNT, texts.forCustomer(r, locale, clock.getZone()));
    }
}
