package dev.zaiko.contact.desk;

import dev.zaiko.contact.CallTask;
import dev.zaiko.contact.ContactCase;
import dev.zaiko.contact.ContactMode;
import dev.zaiko.contact.ContactQueue;
import dev.zaiko.contact.EmailKind;
import dev.zaiko.contact.customer.WritingToCustomers;
import dev.zaiko.shop.ShopCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts every opened stockout case in the call queue: a first call due by the case's contact
 * deadline, never before calling hours. When no call can come before the deadline (an express
 * order found short at night, a holiday) or the customer left no phone number, the customer is
 * written to at once, with the options and the time the shop will call.
 */
@Service
public class QueueingCases {

    private static final Logger log = LoggerFactory.getLogger(QueueingCases.class);

    private final ContactStore store;
    private final Orders orders;
    private final StockoutCases cases;
    private final ShopCalendar calendar;
    private final ReadingCases reading;
    private final WritingToCustomers writing;
    private final ContactProperties properties;
    private final Clock clock;

    QueueingCases(ContactStore store, Orders orders, StockoutCases cases, ShopCalendar calendar, ReadingCases reading,
                  WritingToCustomers writing, ContactProperties properties, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.orders = orders;
        this.cases = cases;
        this.calendar = calendar;
        this.reading = reading;
        this.writing = writing;
        this.clock = clock;
    }

    /** Runs after the case's transaction committed; the event registry runs it again until it completes. */
    @ApplicationModuleListener(id = "contact.queue-opened-case")
    void on(StockoutOpened opened) {
        if (properties.enabled()) open(opened.caseId());
    }

    /**
     * Takes the case into the desk if it is not there yet (also for a case opened before the desk
     * existed), and returns the desk's row.
     */
    @Transactional
    public Optional<ContactCase> open(String caseId) {
        Optional<ContactCase> known = store.find(caseId);
        if (known.isPresent()) return known;
        // under the case's lock: a decision taken at this moment (a customer's link, the shop's
        // default) waits, so a case read as undecided is still undecided when it is queued
        StockoutCase c = cases.locked(caseId);
        Optional<Order> order = orders.find(OrderNumber.parse(c.orderNumber()));
        if (order.isEmpty()) {
            log.warn("Stockout case {}: order {} not found; the desk cannot reach its customer", c.id(),
                    c.orderNumber());
            return Optional.empty();
        }
        Order.Customer customer = order.get().customer();
        boolean phone = customer.phone() != null && !customer.phone().isBlank();
        Instant now = clock.instant();
        boolean undecided = c.status() == StockoutStatus.OPEN || c.status() == StockoutStatus.AWAITING_DECISION;
        ContactMode mode = !undecided ? ContactMode.DONE : phone ? ContactMode.CALLS : ContactMode.EMAIL_ONLY;
        var flags = c.facts().customer();
        boolean inserted = store.insertCase(new ContactStore.NewCase(c.id(), c.orderNumber(), c.lineNo(), c.priority(),
                c.contactDeadline(), c.detectedAt(), flags.express(), flags.gift(), flags.b2b(),
                "en".equalsIgnoreCase(customer.locale()) ? "en" : "ja", customer.email(), mode, now));
        if (!inserted || !undecided) return store.find(caseId);
        Instant slot = null;
        if (phone) {
            slot = calendar.nextCallSlot(now);
            store.openTask(c.id(), CallTask.Kind.FIRST_CALL, ContactQueue.OPERATORS, c.contactDeadline(), slot, false,
                    "system", now);
        }
        // no call can reach the customer before the deadline: they hear from the shop in writing now
        if (!phone || !slot.isBefore(c.contactDeadline())) {
            if (c.status() == StockoutStatus.OPEN) {
                cases.changeStatus(c.id(), StockoutStatus.AWAITING_DECISION, "contact", dev.zaiko.platform.Wording.of(
                        phone ? "contact.history.emailedNoCallInTime" : "contact.history.emailedNoPhone"));
            }
            ContactCase cc = store.find(caseId).orElseThrow();
            writing.notice(reading.read(caseId, null), cc, EmailKind.FIRST_NOTICE,
                    new WritingToCustomers.Notice(null, null, slot, "opening"), null);
            log.info("Stockout case {}: written to at once ({}), first call {}", c.id(),
                    phone ? "no call before the deadline" : "no phone number", slot);
        } else {
            log.info("Stockout case {}: first call due by {}, from {}", c.id(), c.contactDeadline(), slot);
        }
        return store.find(caseId);
    }
}
