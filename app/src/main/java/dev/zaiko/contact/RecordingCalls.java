package dev.zaiko.contact;

import dev.zaiko.contact.customer.WritingToCustomers;
import dev.zaiko.contact.desk.ContactStore;
import dev.zaiko.contact.desk.MissedCall;
import dev.zaiko.contact.desk.MissedCallRules;
import dev.zaiko.contact.desk.NextCall;
import dev.zaiko.contact.desk.QueueingCases;
import dev.zaiko.contact.desk.ReadingCases;
import dev.zaiko.contact.tone.ToneFinding;
import dev.zaiko.contact.tone.ToneGuard;
import dev.zaiko.shop.ShopCalendar;
import dev.zaiko.platform.Authority;
import dev.zaiko.platform.ForbiddenException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.shop.CustomerDates;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.DecidingStockout;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a call to the customer and does what follows from it, in one transaction (a refused
 * decision or a bad callback time changes nothing, not even the log):
 * <ul>
 * <li>CONNECTED with a decision: the decision is carried out; the follow-up goes out once the
 * refund is known.</li>
 * <li>CONNECTED with a callback time the customer asked for: a callback at that time, confirmed
 * by email.</li>
 * <li>CONNECTED without either: the customer will choose through the link; the options by email.</li>
 * <li>VOICEMAIL, NO_ANSWER, WRONG_NUMBER: an email at once, and the next call by
 * {@link MissedCallRules} (or writing only).</li>
 * </ul>
 * Every call recorded publishes {@link CallReported} in that transaction, with what the operator
 * learned ({@code helped}, {@code hurt}, {@code lesson}; {@link CallLessons}).
 */
@Service
public class RecordingCalls {

    private static final Logger log = LoggerFactory.getLogger(RecordingCalls.class);

    private final ContactStore store;
    private final QueueingCases queueing;
    private final StockoutCases cases;
    private final DecidingStockout deciding;
    private final MissedCallRules rules;
    private final ShopCalendar calendar;
    private final ToneGuard tone;
    private final ReadingCases reading;
    private final WritingToCustomers writing;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RecordingCalls(ContactStore store, QueueingCases queueing, StockoutCases cases, DecidingStockout deciding,
                   MissedCallRules rules, ShopCalendar calendar, ToneGuard tone, ReadingCases reading,
                   WritingToCustomers writing, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.queueing = queueing;
        this.cases = cases;
        this.deciding = deciding;
        this.rules = rules;
        this.calendar = calendar;
        this.tone = tone;
        this.reading = reading;
        this.writing = writing;
        this.clock = clock;
        this.events = events;
    }

    /**
     * @param choice        CONNECTED only: what the customer decided
     * @param substituteSku with SUBSTITUTE: which one
     * @param callbackAt    CONNECTED only: when the customer asked to be called back
     * @param personalLine  CONNECTED with a decision: the operator's own line for the follow-up email
     * @param helped        what calmed the customer: tags ({@link CallLessons})
     * @param hurt          what made it worse: tags
     * @param lesson        one line for the next colleague, or null
     */
    public record CallReport(CallOutcome outcome, String operator, String notes, Choice choice, String substituteSku,
                      Instant callbackAt, String personalLine, List<String> helped, List<String> hurt, String lesson) {

        /** A report without what the operator learned. */
        public CallReport(CallOutcome outcome, String operator, String notes, Choice choice, String substituteSku,
                          Instant callbackAt, String personalLine) {
            this(outcome, operator, notes, choice, substituteSku, callbackAt, personalLine, List.of(), List.of(), null);
        }
    }

    /**
     * @param next         the next call: by the missed-call rules, or the time the customer asked for;
     *                     null when none is due (a decision, or the customer chooses through the link)
     * @param email        the email this call led to, null when none (a decision: the follow-up comes later)
     * @param toneWarnings phrases in the notes that would hurt if a customer read them
     */
    public record CallRecorded(ContactCase desk, Interaction call, NextCall next, QueuedEmail email,
                        List<ToneFinding> toneWarnings) {
    }

    /** A case escalated to the supervisors is theirs to call: the rule for the API and the console's form. */
    public static boolean callerMayRecord(ContactCase desk) {
        return desk.queue() != ContactQueue.SUPERVISORS || Authority.SUPERVISE.heldByCaller();
    }

    @Transactional
    public CallRecorded record(String caseId, CallReport report) {
        String id = cases.get(caseId).id();
        validate(report);
        List<String> helped = CallLessons.tags("helped", report.helped());
        List<String> hurt = CallLessons.tags("hurt", report.hurt());
        String lesson = CallLessons.lesson(report.lesson());
        tone.requireClean("personalLine", report.personalLine());
        ContactCase cc = locked(id);
        StockoutCase c = cases.get(id); // read again under the desk's lock
        if (c.status() != StockoutStatus.OPEN && c.status() != StockoutStatus.AWAITING_DECISION) {
            throw alreadyDecided(c);
        }
        if (!callerMayRecord(cc)) {
            throw new ForbiddenException("supervisor-needed", Authority.SUPERVISE, "Stockout case " + id
                    + " was escalated to the supervisors; only a supervisor (a SUPERVISOR or ADMIN user, or a token "
                    + "with scope SUPERVISOR or ADMIN) may record its calls. Nothing changed.");
        }
        Instant now = clock.instant();
        CallOutcome outcome = report.outcome();
        int missed = cc.missedCalls() + (outcome.missed() ? 1 : 0);
        store.calls(c.id(), cc.calls() + 1, missed, cc.wrongNumber() || outcome == CallOutcome.WRONG_NUMBER, now);
        NextCall next = null;
        QueuedEmail email = null;
        EmailKind emailKind = null;
        Instant nextCallAt = null;
        if (outcome == CallOutcome.CONNECTED && report.choice() != null) {
            store.closeTask(c.id(), "DONE", report.operator(), now);
            store.followUpLine(c.id(), blankToNull(report.personalLine()), report.operator(), now);
            store.firstContact(c.id(), now);
            deciding.decide(c.id(), new DecidingStockout.Decision(report.choice(), report.substituteSku(),
                    report.operator(), report.notes()));
        } else if (outcome == CallOutcome.CONNECTED && report.callbackAt() != null) {
            Instant at = report.callbackAt();
            if (!at.isAfter(now) || !calendar.isCallingTime(at)) {
                Instant slot = calendar.nextCallSlot(at.isAfter(now) ? at : now);
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("callbackAt", at.toString());
                facts.put("nextCallSlot", slot.toString());
                throw new InvalidRequestException("callback-outside-calling-hours", "callbackAt must be in the future "
                        + "and inside the shop's calling hours; the first possible time from then is "
                        + CustomerDates.format(slot, clock.getZone(), java.util.Locale.ENGLISH) + " (" + slot
                        + "). Nothing was recorded.", facts);
            }
            store.openTask(c.id(), CallTask.Kind.CALLBACK, cc.queue(), at, at, true, report.operator(), now);
            nextCallAt = at;
            next = new NextCall(at, "AskedByTheCustomer");
            emailKind = EmailKind.CALLBACK_CONFIRMED;
        } else if (outcome == CallOutcome.CONNECTED) {
            store.closeTask(c.id(), "DONE", report.operator(), now);
            emailKind = EmailKind.OPTIONS;
        } else {
            next = rules.after(new MissedCall(outcome, missed, cc.express(), cc.gift(), now));
            if (next.emailOnly()) {
                store.closeTask(c.id(), "DONE", report.operator(), now);
                store.mode(c.id(), ContactMode.EMAIL_ONLY, now);
            } else {
                store.openTask(c.id(), cc.queue() == ContactQueue.SUPERVISORS ? CallTask.Kind.SUPERVISOR_CALL
                        : CallTask.Kind.CALLBACK, cc.queue(), next.at(), next.at(), false, report.operator(), now);
                nextCallAt = next.at();
            }
            emailKind = outcome == CallOutcome.WRONG_NUMBER ? EmailKind.WRONG_NUMBER : EmailKind.MISSED_CALL;
        }
        // the call first, then the email it led to: the timeline reads in the order things happened
        Interaction call = new Interaction(UUID.randomUUID(), c.id(), c.orderNumber(), Interaction.Channel.CALL,
                outcome.name(), report.operator(), blankToNull(report.notes()), null, nextCallAt,
                report.choice() == null ? null : report.choice().name(), now, helped, hurt, lesson);
        store.addInteraction(call);
        events.publishEvent(new CallReported(call.id(), c.id(), c.orderNumber(), outcome, report.operator(), helped,
                hurt, lesson, now));
        if (emailKind != null) {
            email = informed(c, cc, emailKind, new WritingToCustomers.Notice(now, outcome, nextCallAt,
                    call.id().toString()), report.operator());
        }
        log.info("Stockout case {}: call by {} {}{}", c.id(), report.operator(), outcome,
                next == null ? "" : "; next: " + (next.emailOnly() ? "writing only" : next.at()) + " (" + next.rule()
                        + ")");
        return new CallRecorded(store.find(c.id()).orElseThrow(), call, next, email, tone.check(report.notes()));
    }

    /** The desk's row of the case, locked; taken into the desk first if it is not there. */
    ContactCase locked(String id) {
        queueing.open(id).orElseThrow(() -> new ConflictException("case-not-reachable", "Stockout case " + id
                + " has an order the desk cannot read; nothing was recorded.", Map.of("id", id)));
        return store.lock(id).orElseThrow();
    }

    /** The customer now knows and has the options: the stockout case waits for their decision. */
    private QueuedEmail informed(StockoutCase c, ContactCase cc, EmailKind kind, WritingToCustomers.Notice notice,
                                 String operator) {
        if (c.status() == StockoutStatus.OPEN) {
            cases.changeStatus(c.id(), StockoutStatus.AWAITING_DECISION, operator, dev.zaiko.platform.Wording.of(
                    "contact.history.optionsGiven", dev.zaiko.platform.Wording.Arg.worded("contact.emailKind.", kind)));
        }
        return writing.notice(reading.read(c.id(), null), cc, kind, notice, operator);
    }

    /**
     * The rules of a call report. Each refusal names its rule ({@code type}) and the field it is
     * about, so a form can say it next to the field in the reader's language.
     */
    private static void validate(CallReport r) {
        if (r.outcome() == null) throw refused("call-outcome-missing", "outcome", "outcome is required: one of "
                + "CONNECTED, VOICEMAIL, NO_ANSWER, WRONG_NUMBER.");
        if (r.operator() == null || r.operator().isBlank()) {
            throw refused("call-operator-missing", "operator", "operator is required: who made the call.");
        }
        if (r.outcome() != CallOutcome.CONNECTED && (r.choice() != null || r.callbackAt() != null)) {
            throw refused("call-connected-only", r.choice() != null ? "choice" : "callbackAt", "choice and "
                    + "callbackAt belong to a CONNECTED call only; this one was " + r.outcome() + ". Nothing was recorded.");
        }
        if (r.choice() != null && r.callbackAt() != null) {
            throw refused("call-choice-or-callback", "callbackAt", "Give either the customer's choice or the "
                    + "callback time they asked for, not both. Nothing was recorded.");
        }
        if (r.personalLine() != null && !r.personalLine().isBlank() && r.choice() == null) {
            throw refused("call-personal-line-without-choice", "personalLine", "personalLine goes into the "
                    + "follow-up after a decision; give it with the choice. Nothing was recorded.");
        }
    }

    private static InvalidRequestException refused(String type, String field, String detail) {
        return new InvalidRequestException(type, detail, Map.of("field", field));
    }

    static ConflictException alreadyDecided(StockoutCase c) {
        return new ConflictException("case-already-decided", "Stockout case " + c.id() + " is " + c.status()
                + ": it was decided already, so there is nothing to call about. Nothing was recorded.",
                Map.of("id", c.id(), "caseStatus", c.status().name()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
