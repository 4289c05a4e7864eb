package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import dev.zaiko.shop.BusinessDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds customers who have not registered a bank account before the deadline, and applies the
 * deadline: a convenience-store refund goes to the gift balance (final); a bank-transfer refund,
 * which has no other way back, is flagged for a person to call. Each refund is handled under its
 * row lock and re-checked there, so a second sweep, or a customer registering at that moment,
 * changes nothing twice.
 */
@Service
class ApplyingAccountDeadlines {

    private static final Logger log = LoggerFactory.getLogger(ApplyingAccountDeadlines.class);

    private final RefundStore store;
    private final RequestingRefunds requesting;
    private final BusinessDays calendar;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    ApplyingAccountDeadlines(RefundStore store, RequestingRefunds requesting, BusinessDays calendar,
                             ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.requesting = requesting;
        this.calendar = calendar;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    void apply(int limit) {
        Instant now = clock.instant();
        for (UUID id : store.remindersDue(now, limit)) tx.executeWithoutResult(t -> remind(id));
        for (UUID id : store.deadlinesPassed(now, limit)) tx.executeWithoutResult(t -> deadlinePassed(id));
    }

    private void remind(UUID id) {
        Refund r = store.lock(id).orElseThrow();
        if (r.status() != RefundStatus.AWAITING_ACCOUNT || r.remindedAt() != null) return;
        Instant now = clock.instant();
        if (!now.isBefore(r.accountDeadline())) return; // too late to remind: the deadline applies
        store.reminded(id, now);
        events.publishEvent(new BankAccountRequested(id.toString(), r.caseId(), r.orderNumber(), r.route().name(), r.amount(),
                r.accountDeadline(), true, r.locale(), now));
        log.info("Refund {} for order {}: reminder to register a bank account before {}", id, r.orderNumber(),
                r.accountDeadline());
    }

    private void deadlinePassed(UUID id) {
        Refund r = store.lock(id).orElseThrow();
        Instant now = clock.instant();
        if (r.status() != RefundStatus.AWAITING_ACCOUNT || now.isBefore(r.accountDeadline())) return;
        if (r.route() == Route.KONBINI) {
            LocalDate today = LocalDate.ofInstant(now, clock.getZone());
            store.changeStatus(id, RefundStatus.AWAITING_ACCOUNT, RefundStatus.REQUESTED, Route.GIFT_BALANCE,
                    "system", RefundNotes.noAccountByDeadline(r.accountDeadline(), clock.getZone()), now);
            store.expected(id, calendar.plusBusinessDays(today, Route.GIFT_BALANCE.fromDays()),
                    calendar.plusBusinessDays(today, Route.GIFT_BALANCE.toDays()));
            requesting.scheduleAttempt(id, now);
            log.info("Refund {} for order {}: deadline passed, to the gift balance", id, r.orderNumber());
            return;
        }
        String why = "No bank account registered by " + r.accountDeadline() + "; a bank transfer has no other way "
                + "back: call the customer.";
        store.flag(id, why);
        events.publishEvent(new RefundNeedsAttention(id.toString(), r.orderNumber(), r.route().name(), r.amount(),
                why, now));
        log.warn("Refund {} for order {}: no bank account by the deadline, flagged", id, r.orderNumber());
    }
}
