package dev.zaiko.contact;

import dev.zaiko.contact.customer.WritingToCustomers;
import dev.zaiko.contact.desk.ContactStore;
import dev.zaiko.contact.desk.ReadingCases;
import dev.zaiko.shop.ShopCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands a case to the supervisors: it leaves the operators' queue for theirs, with a call at the
 * first moment inside calling hours, and the customer is told in writing that a supervisor will
 * call (a supervisor stepping in is itself part of the apology).
 */
@Service
public class EscalatingCases {

    private static final Logger log = LoggerFactory.getLogger(EscalatingCases.class);

    private final ContactStore store;
    private final RecordingCalls calls;
    private final StockoutCases cases;
    private final ShopCalendar calendar;
    private final ReadingCases reading;
    private final WritingToCustomers writing;
    private final Orders orders;
    private final Clock clock;

    EscalatingCases(ContactStore store, RecordingCalls calls, StockoutCases cases, ShopCalendar calendar,
                    ReadingCases reading, WritingToCustomers writing, Orders orders, Clock clock) {
        this.orders = orders;
        this.store = store;
        this.calls = calls;
        this.cases = cases;
        this.calendar = calendar;
        this.reading = reading;
        this.writing = writing;
        this.clock = clock;
    }

    public record Escalated(ContactCase desk, QueuedEmail email) {
    }

    /**
     * @param reason why, for the supervisor (not sent to the customer)
     * @throws ConflictException {@code case-already-decided}, {@code case-already-escalated}
     */
    @Transactional
    public Escalated escalate(String caseId, String operator, String reason) {
        if (operator == null || operator.isBlank()) {
            throw new InvalidRequestException("operator is required: who hands the case on.");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("reason is required: what the supervisor needs to know first.");
        }
        String id = cases.get(caseId).id();
        ContactCase cc = calls.locked(id);
        StockoutCase c = cases.get(id);
        if (c.status() != StockoutStatus.OPEN && c.status() != StockoutStatus.AWAITING_DECISION) {
            throw RecordingCalls.alreadyDecided(c);
        }
        if (cc.queue() == ContactQueue.SUPERVISORS) {
            throw new ConflictException("case-already-escalated", "Stockout case " + id + " is with the supervisors "
                    + "since " + cc.escalatedAt() + " (by " + cc.escalatedBy() + "). Nothing changed.",
                    Map.of("id", id, "escalatedAt", cc.escalatedAt().toString()));
        }
        Instant now = clock.instant();
        store.escalated(id, operator.strip(), reason.strip(), now);
        boolean phone = !cc.wrongNumber() && hasPhone(c);
        Instant slot = null;
        if (phone) {
            slot = calendar.nextCallSlot(now);
            store.openTask(id, CallTask.Kind.SUPERVISOR_CALL, ContactQueue.SUPERVISORS, slot, slot, false, operator,
                    now);
            store.mode(id, ContactMode.CALLS, now);
        } else {
            store.closeTask(id, "CANCELLED", operator, now);
        }
        store.addInteraction(new Interaction(UUID.randomUUID(), id, c.orderNumber(), Interaction.Channel.DESK,
                "ESCALATED", operator.strip(), reason.strip(), null, slot, null, now));
        if (c.status() == StockoutStatus.OPEN) {
            cases.changeStatus(id, StockoutStatus.AWAITING_DECISION, operator,
                    dev.zaiko.platform.Wording.of("contact.history.escalated"));
        }
        QueuedEmail email = writing.notice(reading.read(id, null), store.find(id).orElseThrow(), EmailKind.ESCALATED,
                new WritingToCustomers.Notice(now, null, slot, "escalated"), operator);
        log.info("Stockout case {} escalated by {}; supervisor call from {}", id, operator, slot);
        return new Escalated(store.find(id).orElseThrow(), email);
    }

    private boolean hasPhone(StockoutCase c) {
        String phone = orders.get(OrderNumber.parse(c.orderNumber())).customer().phone();
        return phone != null && !phone.isBlank();
    }
}
