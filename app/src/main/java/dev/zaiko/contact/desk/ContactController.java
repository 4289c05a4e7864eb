package dev.zaiko.contact.desk;

import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.CallTask;
import dev.zaiko.contact.ContactCase;
import dev.zaiko.contact.ContactMode;
import dev.zaiko.contact.ContactQueue;
import dev.zaiko.contact.DecisionLinks;
import dev.zaiko.contact.EmailKind;
import dev.zaiko.contact.EscalatingCases;
import dev.zaiko.contact.Interaction;
import dev.zaiko.contact.InteractionQuery;
import dev.zaiko.contact.PreviewingEmails;
import dev.zaiko.contact.RecordingCalls;
import dev.zaiko.contact.tone.ToneFinding;
import dev.zaiko.shop.ShopCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zaiko.platform.MultiLineText;
import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutCases;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The contact desk's API: call outcomes and escalation of a case, the case's desk state and
 * timeline, the call queues, the interaction log.
 */
@RestController
class ContactController {

    private final RecordingCalls recording;
    private final EscalatingCases escalating;
    private final ContactStore store;
    private final PreviewingEmails previewing;
    private final StockoutCases cases;
    private final ShopCalendar calendar;
    private final Clock clock;
    private final DecisionLinks links;

    ContactController(RecordingCalls recording, EscalatingCases escalating, ContactStore store,
                      PreviewingEmails previewing,
                      StockoutCases cases, ShopCalendar calendar, Clock clock, DecisionLinks links) {
        this.links = links;
        this.recording = recording;
        this.escalating = escalating;
        this.store = store;
        this.previewing = previewing;
        this.cases = cases;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * A call's outcome: {@code {"outcome","operator","notes"?,"choice"?,"substituteSku"?,"callbackAt"?,
     * "personalLine"?,"helped"?,"hurt"?,"lesson"?}}: what calmed the customer and what made it worse as
     * tags, and one line for the next colleague ({@link dev.zaiko.contact.CallLessons}).
     */
    record CallRequest(@NotNull CallOutcome outcome, @NotBlank @Size(max = 100) String operator,
                       @MultiLineText @Size(max = 4000) String notes, Choice choice,
                       @Size(min = 1, max = 64) String substituteSku, OffsetDateTime callbackAt,
                       @MultiLineText @Size(max = 1000) String personalLine, List<String> helped,
                       List<String> hurt, String lesson) {
    }

    @JsonPropertyOrder({"caseId", "callId", "outcome", "next", "email", "toneWarnings", "helped", "hurt", "lesson",
            "desk"})
    record CallView(String caseId, String callId, CallOutcome outcome, NextView next, EmailView email,
                    List<ToneFinding> toneWarnings, List<String> helped, List<String> hurt, String lesson,
                    DeskView desk) {
    }

    /** @param at null when the desk only writes from now on */
    record NextView(Instant at, boolean emailOnly, String rule) {
    }

    record EmailView(String id, String messageId, String kind, String subject, boolean urgent) {
    }

    @Operation(summary = "Record a call to the customer",
            description = "The outcome of a call (CONNECTED, VOICEMAIL, NO_ANSWER, WRONG_NUMBER) by the operator, with what calmed the customer (helped) and what made it worse (hurt) as tags (lower-case words or short phrases, at most 30 characters, 8 per list) and a lesson line for the next colleague (at most 200 characters): a CONNECTED call may carry the customer's choice, which decides the case; a missed call schedules the next call or the email fallback within calling hours; a callbackAt is honoured. Notes and the personal line are checked by the tone guard. A case escalated to the supervisors takes calls only from a SUPERVISOR or ADMIN caller (403 supervisor-needed otherwise).")
    @ApiResponse(responseCode = "201", description = "The call is recorded; the answer says what happens next and which email went out.")
    @ApiResponse(responseCode = "400", description = "A rule of the report is broken; the problem's field names it (helped[2], lesson, ...). Nothing is recorded.")
    @ApiResponse(responseCode = "409", description = "The case is already decided or the desk cannot reach it (case-already-decided, case-not-reachable), or the choice is not offered now.")
    @PostMapping("/api/stockouts/{id}/calls")
    @ResponseStatus(HttpStatus.CREATED)
    CallView call(@PathVariable String id, @Valid @RequestBody CallRequest request) {
        var recorded = recording.record(id, new RecordingCalls.CallReport(request.outcome(), request.operator().strip(),
                request.notes(), request.choice(), request.substituteSku(),
                request.callbackAt() == null ? null : request.callbackAt().toInstant(), request.personalLine(),
                request.helped(), request.hurt(), request.lesson()));
        NextView next = recorded.next() == null ? null
                : new NextView(recorded.next().at(), recorded.next().emailOnly(), recorded.next().rule());
        return new CallView(recorded.desk().caseId(), recorded.call().id().toString(), request.outcome(), next,
                email(recorded.email()), recorded.toneWarnings(), recorded.call().helped(), recorded.call().hurt(),
                recorded.call().lesson(), desk(recorded.desk()));
    }

    record EscalationRequest(@NotBlank @Size(max = 100) String operator,
                             @MultiLineText @NotBlank @Size(max = 2000) String reason) {
    }

    record EscalationView(DeskView desk, EmailView email) {
    }

    @Operation(summary = "Escalate a stockout case to the supervisors",
            description = "The case moves to the supervisors' queue with the operator's reason; the customer is told by email that a supervisor takes over.")
    @ApiResponse(responseCode = "201", description = "Escalated; the answer carries the desk's state and the email sent.")
    @ApiResponse(responseCode = "409", description = "The case is already decided or already with the supervisors (case-already-decided, case-already-escalated).")
    @PostMapping("/api/stockouts/{id}/escalate")
    @ResponseStatus(HttpStatus.CREATED)
    EscalationView escalate(@PathVariable String id, @Valid @RequestBody EscalationRequest request) {
        var escalated = escalating.escalate(id, request.operator(), request.reason());
        return new EscalationView(desk(escalated.desk()), email(escalated.email()));
    }

    /**
     * Ends every decision link ({@code /c/...}) sent for the case so far: they show the customer
     * that the link was withdrawn and take no decision. The next email's link opens. 404 for an
     * unknown case.
     */
    @Operation(summary = "Revoke a case's decision links",
            description = "Ends every decision link sent for the case so far: they show the customer that the link was withdrawn and take no decision. The next email's link opens.")
    @PostMapping("/api/stockouts/{id}/decision-link/revoke")
    DecisionLinks.Revocation revokeDecisionLinks(@PathVariable String id) {
        return links.revoke(cases.get(id).id(), dev.zaiko.access.Actor.current().label());
    }

    /**
     * The desk's state of a case and its whole timeline of calls, emails and desk events. Reading
     * changes nothing: a case the desk has not taken in yet (it does so moments after the case
     * opens) answers 404.
     */
    @Operation(summary = "Read a case's contact history",
            description = "The desk's state of a case and its whole timeline of calls, emails and desk events. A case the desk has not taken in yet (it does so moments after the case opens) answers 404.")
    @GetMapping("/api/stockouts/{id}/contact")
    DeskView contact(@PathVariable String id) {
        String caseId = cases.get(id).id();
        ContactCase cc = store.find(caseId).orElseThrow(() -> new NotFoundException("The contact desk has not taken "
                + "stockout case " + caseId + " in yet; it does so moments after a case opens (or at the first call "
                + "recorded for it)."));
        return desk(cc);
    }

    @JsonPropertyOrder({"caseId", "orderNumber", "lineNo", "priority", "contactDeadline", "queue", "mode",
            "nextCall", "callableNow", "overdue", "calls", "missedCalls", "wrongNumber", "firstContactAt",
            "escalation", "emailProblem", "needsAttention", "decidedAt", "decision", "followUpSentAt", "timeline"})
    record DeskView(String caseId, String orderNumber, int lineNo, int priority, Instant contactDeadline,
                    ContactQueue queue, ContactMode mode, TaskView nextCall, boolean callableNow, boolean overdue,
                    int calls, int missedCalls, boolean wrongNumber, Instant firstContactAt, EscalationInfo escalation,
                    String emailProblem, boolean needsAttention, Instant decidedAt, String decision,
                    Instant followUpSentAt, List<Interaction> timeline) {
    }

    record TaskView(String kind, ContactQueue queue, Instant dueBy, Instant notBefore, boolean askedByCustomer) {
    }

    record EscalationInfo(Instant at, String by, String reason) {
    }

    private DeskView desk(ContactCase c) {
        return desk(c, store.interactions(InteractionQuery.ofCase(c.caseId())));
    }

    private DeskView desk(ContactCase c, List<Interaction> timeline) {
        Instant now = clock.instant();
        CallTask t = c.openTask();
        TaskView task = t == null ? null : new TaskView(t.kind().name(), t.queue(), t.dueBy(), t.notBefore(),
                t.askedByCustomer());
        boolean callable = t != null && !t.notBefore().isAfter(now) && calendar.isCallingTime(now);
        boolean overdue = t != null && t.dueBy().isBefore(now);
        return new DeskView(c.caseId(), c.orderNumber(), c.lineNo(), c.priority(), c.contactDeadline(), c.queue(),
                c.mode(), task, callable, overdue, c.calls(), c.missedCalls(), c.wrongNumber(), c.firstContactAt(),
                c.escalatedAt() == null ? null : new EscalationInfo(c.escalatedAt(), c.escalatedBy(),
                        c.escalationReason()), c.emailProblem(), c.needsAttention(), c.decidedAt(),
                c.decisionChoice(), c.followUpSentAt(), timeline);
    }

    /**
     * The email an action would send now ({@code kind} MISSED_CALL, WRONG_NUMBER, OPTIONS, ESCALATED,
     * FIRST_NOTICE), in the customer's language unless {@code lang} says otherwise; nothing is sent.
     */
    @Operation(summary = "Preview the email an action would send",
            description = "The email of kind MISSED_CALL, WRONG_NUMBER, OPTIONS, ESCALATED or FIRST_NOTICE as it would go out now, in the customer's language unless lang says otherwise; nothing is sent.")
    @ApiResponse(responseCode = "200", description = "The email as it would be sent.")
    @ApiResponse(responseCode = "409", description = "The case is decided; it gets no more option emails (case-already-decided).")
    @GetMapping("/api/stockouts/{id}/emails/preview")
    PreviewingEmails.Preview preview(@PathVariable String id, @RequestParam(defaultValue = "MISSED_CALL") String kind,
                                     @RequestParam(required = false) String lang) {
        EmailKind which;
        try {
            which = EmailKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("kind must be one of " + PreviewingEmails.PREVIEWABLE + ", got '" + kind
                    + "'.");
        }
        if (lang != null && !lang.equals("ja") && !lang.equals("en")) {
            throw new InvalidRequestException("lang must be ja or en, got '" + lang + "'.");
        }
        return previewing.preview(cases.get(id).id(), which, lang == null ? null : Locale.forLanguageTag(lang));
    }

    record QueueView(ContactQueue queue, Instant now, boolean callingTime, Instant nextCallingTime,
                     List<DeskView> items) {
    }

    /**
     * The call queue: every call the desk owes, soonest due first (a first call is due by the
     * contact deadline, a callback at the time promised), then by priority. The supervisors' queue
     * carries each case's whole timeline.
     */
    @Operation(summary = "Read the call queue",
            description = "Every call the desk owes in the queue (OPERATORS or SUPERVISORS), soonest due first (a first call is due by the contact deadline, a callback at the time promised), then by priority; limit 1 to 500. The supervisors' queue carries each case's whole timeline.")
    @GetMapping("/api/contact/queue")
    QueueView queue(@RequestParam(defaultValue = "OPERATORS") String queue,
                    @RequestParam(defaultValue = "100") int limit) {
        ContactQueue which = queue(queue);
        if (limit < 1 || limit > 500) throw new InvalidRequestException("limit must be between 1 and 500, got " + limit
                + ".");
        Instant now = clock.instant();
        List<DeskView> items = store.queue(which, limit).stream().map(c -> which == ContactQueue.SUPERVISORS ? desk(c)
                : desk(c, List.of())).toList();
        return new QueueView(which, now, calendar.isCallingTime(now), calendar.nextCallSlot(now), items);
    }

    /** Cases the desk cannot go on with alone: an email bounced or was not delivered. */
    @Operation(summary = "List cases needing attention",
            description = "Cases the desk cannot go on with alone: an email bounced or was not delivered.")
    @GetMapping("/api/contact/attention")
    List<DeskView> attention() {
        return store.needingAttention(200).stream().map(this::desk).toList();
    }

    record InteractionPage(List<Interaction> items, int page, int size) {
    }

    /** The interaction log: every call attempt and email, per case, order, customer or operator. */
    @Operation(summary = "Read the interaction log",
            description = "Every call attempt and email, filtered by case, order, customer, operator, channel, kind, time range or text; newest first; paged.")
    @GetMapping("/api/contact/interactions")
    InteractionPage interactions(@RequestParam(name = "case", required = false) String caseId,
                                 @RequestParam(required = false) String order,
                                 @RequestParam(required = false) String customer,
                                 @RequestParam(required = false) String operator,
                                 @RequestParam(required = false) String channel,
                                 @RequestParam(required = false) String kind,
                                 @RequestParam(required = false) OffsetDateTime from,
                                 @RequestParam(required = false) OffsetDateTime to,
                                 @RequestParam(required = false) String text,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "" + InteractionQuery.DEFAULT_SIZE) int size) {
        if (page < 0) throw new InvalidRequestException("page must be 0 or more, got " + page + ".");
        if (size < 1 || size > InteractionQuery.MAX_SIZE) {
            throw new InvalidRequestException("size must be between 1 and " + InteractionQuery.MAX_SIZE + ", got "
                    + size + ".");
        }
        var q = new InteractionQuery(blank(caseId) ? null : caseId.strip().toUpperCase(Locale.ROOT),
                blank(order) ? null : OrderNumber.parse(order.strip()).toString(), blank(customer) ? null
                : customer.strip(), blank(operator) ? null : operator.strip(), channel(channel),
                blank(kind) ? null : kind.strip().toUpperCase(Locale.ROOT), from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(), blank(text) ? null : text.strip(), false, page, size);
        return new InteractionPage(store.interactions(q), page, size);
    }

    private static EmailView email(QueuedEmail e) {
        return e == null ? null : new EmailView(e.id().toString(), e.messageId(), e.kind(), e.subject(), e.urgent());
    }

    private static ContactQueue queue(String queue) {
        try {
            return ContactQueue.valueOf(queue.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("queue must be OPERATORS or SUPERVISORS, got '" + queue + "'.");
        }
    }

    private static Interaction.Channel channel(String channel) {
        if (blank(channel)) return null;
        try {
            return Interaction.Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("channel must be CALL, EMAIL or DESK, got '" + channel + "'.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
