package dev.zaiko.contact.desk;

import dev.zaiko.contact.ContactCase;
import dev.zaiko.contact.Interaction;
import dev.zaiko.contact.customer.WritingToCustomers;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.mail.EmailBounced;
import dev.zaiko.mail.EmailFailed;
import dev.zaiko.refund.BankAccountRequested;
import dev.zaiko.refund.RefundCompleted;
import dev.zaiko.refund.Refunds;
import dev.zaiko.refund.RefundsRecorded;
import dev.zaiko.refund.StockoutCompensated;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * Writes to the customer after every decision, once: a summary of what was decided, the dates,
 * where each refund goes and when it arrives, the apology coupon, the operator's own line and,
 * for a substitute, the comparison with what they ordered. It waits until the refund module has
 * recorded the refunds (when money goes back) and weighed the apology, so the email says it all
 * at once; whichever of those events comes last sends it. Then the case is CLOSED.
 * <p>
 * Also asks customers for a bank account when a refund needs one, and flags a case whose email
 * bounced or could not be delivered.
 */
@Service
class FollowingUp {

    private static final Logger log = LoggerFactory.getLogger(FollowingUp.class);

    private final ContactStore store;
    private final QueueingCases queueing;
    private final StockoutCases cases;
    private final ReadingCases reading;
    private final WritingToCustomers writing;
    private final ContactProperties properties;
    private final Refunds refunds;
    private final Clock clock;

    FollowingUp(ContactStore store, QueueingCases queueing, StockoutCases cases,
                ReadingCases reading, WritingToCustomers writing, ContactProperties properties, Refunds refunds,
                Clock clock) {
        this.properties = properties;
        this.refunds = refunds;
        this.store = store;
        this.queueing = queueing;
        this.cases = cases;
        this.reading = reading;
        this.writing = writing;
        this.clock = clock;
    }

    @ApplicationModuleListener(id = "contact.follow-up-on-decision")
    void on(StockoutDecided decided) {
        if (!properties.enabled()) return;
        if (queueing.open(decided.caseId()).isEmpty()) return;
        store.lock(decided.caseId());
        Instant now = clock.instant();
        store.decided(decided.caseId(), decided.choice().name(),
                decided.refundAmount() > 0 || decided.shippingFeeRefund() > 0, decided.decidedAt());
        store.closeTask(decided.caseId(), "DONE", decided.decidedBy(), now);
        store.addInteraction(new Interaction(UUID.randomUUID(), decided.caseId(), decided.orderNumber(),
                Interaction.Channel.DESK, decided.byDefault() ? "DECIDED_BY_DEFAULT" : "DECIDED", decided.decidedBy(),
                null, null, null, decided.choice().name(), now));
        sendWhenReady(decided.caseId());
    }

    @ApplicationModuleListener(id = "contact.follow-up-on-refunds")
    void on(RefundsRecorded recorded) {
        if (!properties.enabled()) return;
        if (queueing.open(recorded.caseId()).isEmpty()) return;
        store.lock(recorded.caseId());
        store.refundsRecorded(recorded.caseId(), clock.instant());
        sendWhenReady(recorded.caseId());
    }

    @ApplicationModuleListener(id = "contact.follow-up-on-compensation")
    void on(StockoutCompensated compensated) {
        if (!properties.enabled()) return;
        if (queueing.open(compensated.caseId()).isEmpty()) return;
        store.lock(compensated.caseId());
        store.compensated(compensated.caseId(), compensated.couponCode(), clock.instant());
        sendWhenReady(compensated.caseId());
    }

    /** Under the desk's lock of the case: at most one follow-up, whichever event completes the picture. */
    private void sendWhenReady(String caseId) {
        Optional<ContactStore.FollowUpState> state = store.followUpState(caseId);
        if (state.isEmpty() || !state.get().ready()) return;
        CaseFile file = reading.read(caseId, null);
        if (file.decision().isEmpty()) return;
        ContactCase cc = store.find(caseId).orElseThrow();
        writing.followUp(file, cc, state.get());
        Instant now = clock.instant();
        store.followUpSent(caseId, now);
        if (file.stockout().status() == StockoutStatus.RESOLVED) {
            cases.changeStatus(caseId, StockoutStatus.CLOSED, "contact",
                    dev.zaiko.platform.Wording.of("contact.history.confirmedInWriting"));
        }
        log.info("Stockout case {}: follow-up written", caseId);
    }

    /**
     * A refund staff carried out by hand is done (the manual route): the follow-up told the
     * customer it was under way, so they are told it was made. A refund the gateway completed by
     * itself needs no word: the follow-up already said where the money goes and when.
     */
    @ApplicationModuleListener(id = "contact.refund-made-by-hand")
    void on(RefundCompleted completed) {
        if (!properties.enabled() || !completed.byHand()) return;
        Optional<Refunds.CustomerRefund> refund = refunds.ofOrder(completed.orderNumber(), Locale.JAPANESE).stream()
                .filter(r -> r.id().toString().equals(completed.refundId())).findFirst();
        if (refund.isEmpty() || refund.get().caseId() == null) {
            log.info("Refund {} of order {} was made by hand but belongs to no stockout case; nobody was written to",
                    completed.refundId(), completed.orderNumber());
            return;
        }
        String caseId = refund.get().caseId();
        if (queueing.open(caseId).isEmpty()) return;
        ContactCase cc = store.lock(caseId).orElseThrow();
        CaseFile file = reading.read(caseId, null);
        // in the customer's language, as every other email
        Refunds.CustomerRefund inTheirWords = refunds.ofOrder(completed.orderNumber(), file.locale()).stream()
                .filter(r -> r.id().equals(refund.get().id())).findFirst().orElseThrow();
        writing.refundMade(file, cc, inTheirWords);
        log.info("Stockout case {}: customer told refund {} was made", caseId, completed.refundId());
    }

    @ApplicationModuleListener(id = "contact.ask-for-bank-account")
    void on(BankAccountRequested requested) {
        if (!properties.enabled()) return;
        Optional<String> caseId = Optional.ofNullable(requested.caseId());
        if (caseId.isEmpty()) {
            log.warn("Refund {} asks for a bank account but belongs to no stockout case; nobody was written to",
                    requested.refundId());
            return;
        }
        if (queueing.open(caseId.get()).isEmpty()) return;
        ContactCase cc = store.lock(caseId.get()).orElseThrow();
        writing.bankAccount(reading.read(caseId.get(), null), cc, requested.refundId(), requested.route(),
                requested.amount(), requested.deadline(), requested.reminder());
    }

    @ApplicationModuleListener(id = "contact.flag-bounced-email")
    void on(EmailBounced bounced) {
        if (!properties.enabled()) return;
        flag(bounced.reference(), "EMAIL_BOUNCED", "Bounced: " + bounced.reason(), bounced.messageId());
    }

    @ApplicationModuleListener(id = "contact.flag-undelivered-email")
    void on(EmailFailed failed) {
        if (!properties.enabled()) return;
        flag(failed.reference(), "EMAIL_FAILED", "Not delivered: " + failed.lastError(), failed.messageId());
    }

    private void flag(String caseId, String kind, String problem, String messageId) {
        if (caseId == null) return;
        Optional<ContactCase> cc = store.lock(caseId);
        if (cc.isEmpty()) return; // not an email of the desk
        Instant now = clock.instant();
        store.emailProblem(caseId, problem, true, now);
        store.addInteraction(new Interaction(UUID.randomUUID(), caseId, cc.get().orderNumber(),
                Interaction.Channel.DESK, kind, null, problem, messageId, null, null, now));
        log.warn("Stockout case {}: email {} {}", caseId, messageId, kind);
    }
}
