package dev.zaiko.web;

import dev.zaiko.platform.ForbiddenException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.platform.MultiLineText;
import dev.zaiko.access.Actor;
import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.ContactCase;
import dev.zaiko.contact.ContactDesk;
import dev.zaiko.contact.DecisionLinks;
import dev.zaiko.contact.EmailKind;
import dev.zaiko.contact.EscalatingCases;
import dev.zaiko.contact.Interaction;
import dev.zaiko.contact.InteractionQuery;
import dev.zaiko.contact.PreviewingEmails;
import dev.zaiko.contact.RecordingCalls;
import dev.zaiko.contact.tone.ToneFinding;
import dev.zaiko.contact.tone.ToneGuard;
import dev.zaiko.contact.tone.ToneGuardException;
import dev.zaiko.contact.scripts.WritingCallScripts;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.ZaikoProperties;
import dev.zaiko.refund.Refunds;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.ComputingOptions;
import dev.zaiko.stockout.DecidingStockout;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutDecision;
import dev.zaiko.stockout.StockoutOption;
import dev.zaiko.stockout.StockoutStatus;
import dev.zaiko.stockout.StockoutTexts;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * One stockout case as the operator works it: the facts and the customer's real options (with the
 * substitutes compared), the call script, the call outcome form (its notes checked by the tone
 * guard as they are typed), the emails the customer would get, the whole timeline, and escalation.
 */
@Controller
class CasePage {

    private final StockoutCases cases;
    private final ComputingOptions options;
    private final DecidingStockout deciding;
    private final StockoutTexts texts;
    private final ContactDesk desk;
    private final WritingCallScripts scripts;
    private final RecordingCalls calls;
    private final EscalatingCases escalating;
    private final PreviewingEmails previews;
    private final ToneGuard tone;
    private final Orders orders;
    private final Refunds refunds;
    private final MessageSource messages;
    private final ZaikoProperties zaiko;
    private final Clock clock;
    private final DecisionLinks links;
    private final dev.zaiko.stockout.ComparisonTexts comparisons;

    CasePage(StockoutCases cases, ComputingOptions options, DecidingStockout deciding, StockoutTexts texts,
             ContactDesk desk, WritingCallScripts scripts, RecordingCalls calls, EscalatingCases escalating,
             PreviewingEmails previews, ToneGuard tone, Orders orders, Refunds refunds, MessageSource messages,
             ZaikoProperties zaiko, Clock clock, DecisionLinks links, dev.zaiko.stockout.ComparisonTexts comparisons) {
        this.comparisons = comparisons;
        this.links = links;
        this.cases = cases;
        this.options = options;
        this.deciding = deciding;
        this.texts = texts;
        this.desk = desk;
        this.scripts = scripts;
        this.calls = calls;
        this.escalating = escalating;
        this.previews = previews;
        this.tone = tone;
        this.orders = orders;
        this.refunds = refunds;
        this.messages = messages;
        this.zaiko = zaiko;
        this.clock = clock;
    }

    /** One line of the timeline, whatever its source. */
    record Event(Instant at, String kind, String title, String detail, String who, List<String> helped,
                 List<String> hurt, String lesson) {

        Event(Instant at, String kind, String title, String detail, String who) {
            this(at, kind, title, detail, who, List.of(), List.of(), null);
        }
    }

    record OptionView(Choice choice, String name, String text, List<SubstituteView> substitutes) {
    }

    /** A substitute with its comparison worded for the reader (attribute names and values from the dictionary). */
    record SubstituteView(int rank, dev.zaiko.stockout.StockoutFacts.Name name, String sku, int available,
                          dev.zaiko.stockout.SubstitutePrice price, List<dev.zaiko.stockout.ComparisonTexts.Row> comparison) {
    }

    /** What the call form was given, shown again with its errors. */
    /** @param helped the tags of what calmed the customer, comma-separated as typed; {@code hurt} likewise */
    record CallForm(String outcome, String notes, String choice, String substituteSku, String callbackAt,
                    String personalLine, String helped, String hurt, String lesson) {
        static CallForm empty() {
            return new CallForm("", "", "", "", "", "", "", "", "");
        }
    }

    /** Tags typed into one field, separated by commas (also the Japanese 、 and ，); empty pieces are dropped. */
    static List<String> tags(String typed) {
        List<String> tags = new ArrayList<>();
        for (String piece : typed.split("[,、，]")) {
            if (!piece.isBlank()) tags.add(piece);
        }
        return tags;
    }

    @GetMapping("/cases/{id}")
    String page(@PathVariable String id, @RequestParam(required = false) String notice, Model model, Locale locale) {
        fill(model, id, locale);
        model.addAttribute("notice", notice);
        model.addAttribute("form", CallForm.empty());
        model.addAttribute("errors", Map.of());
        return "console/case";
    }

    @PostMapping("/cases/{id}/calls")
    String call(@PathVariable String id, @RequestParam(defaultValue = "") String outcome,
                @RequestParam(defaultValue = "") @MultiLineText String notes, @RequestParam(defaultValue = "") String choice,
                @RequestParam(defaultValue = "") String substituteSku, @RequestParam(defaultValue = "") String callbackAt,
                @RequestParam(defaultValue = "") @MultiLineText String personalLine,
                @RequestParam(defaultValue = "") String helped, @RequestParam(defaultValue = "") String hurt,
                @RequestParam(defaultValue = "") String lesson, Model model, Locale locale,
                jakarta.servlet.http.HttpServletResponse response) {
        CallForm form = new CallForm(outcome, notes, choice, substituteSku, callbackAt, personalLine, helped, hurt,
                lesson);
        Map<String, String> errors = new LinkedHashMap<>();
        CallOutcome o = Forms.enumOf(CallOutcome.class, outcome);
        if (o == null && !outcome.isBlank()) errors.put("outcome", text("case.call.error.call-outcome-missing", locale));
        Choice c = choice.isBlank() ? null : Forms.enumOf(Choice.class, choice);
        if (!choice.isBlank() && c == null) errors.put("choice", text("case.call.error.choice", locale));
        Instant callback = null;
        if (!callbackAt.isBlank()) {
            try {
                callback = LocalDateTime.parse(callbackAt).atZone(zaiko.zone()).toInstant();
            } catch (DateTimeParseException e) {
                errors.put("callbackAt", text("case.call.error.callbackAt", locale));
            }
        }
        if (errors.isEmpty()) {
            try {
                calls.record(id, new RecordingCalls.CallReport(o, operator(), blankToNull(notes), c,
                        c == Choice.SUBSTITUTE ? blankToNull(substituteSku) : null, callback, blankToNull(personalLine),
                        tags(helped), tags(hurt), blankToNull(lesson)));
                return "redirect:/cases/" + id + "?notice=call";
            } catch (ToneGuardException e) {
                errors.put(e.field(), text("case.tone.refused", locale) + " " + findings(e.findings()));
            } catch (InvalidRequestException e) {
                refused(errors, e.type(), e.properties().get("field"), e.getMessage(), locale);
            } catch (ConflictException e) {
                refused(errors, e.type(), e.properties().get("field"), e.getMessage(), locale);
            } catch (ForbiddenException e) {
                refused(errors, e.type(), "outcome", e.getMessage(), locale);
                response.setStatus(HttpStatus.FORBIDDEN.value());
                fill(model, id, locale);
                model.addAttribute("form", form);
                model.addAttribute("errors", errors);
                return "console/case";
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        fill(model, id, locale);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/case";
    }

    /** Ends every decision link sent for the case so far (a forwarded email, a wrong address); the next email's link opens. */
    @PostMapping("/cases/{id}/decision-link/revoke")
    String revokeDecisionLinks(@PathVariable String id) {
        String caseId = cases.get(id).id();
        links.revoke(caseId, Actor.current().label());
        return "redirect:/cases/" + caseId + "?notice=linksRevoked";
    }

    @PostMapping("/cases/{id}/escalate")
    String escalate(@PathVariable String id, @RequestParam(defaultValue = "") @MultiLineText String reason, Model model,
                    Locale locale, jakarta.servlet.http.HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (reason.isBlank()) {
            errors.put("reason", text("case.escalate.error.reason", locale));
        } else {
            try {
                escalating.escalate(id, operator(), reason.strip());
                return "redirect:/cases/" + id + "?notice=escalated";
            } catch (InvalidRequestException | ConflictException e) {
                errors.put("reason", e.getMessage());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        fill(model, id, locale);
        model.addAttribute("form", CallForm.empty());
        model.addAttribute("errors", errors);
        model.addAttribute("escalateReason", reason);
        return "console/case";
    }

    /** The tone guard's findings for a text being typed (htmx). */
    @PostMapping("/cases/{id}/tone-check")
    @dev.zaiko.platform.NotAudited
    String toneCheck(@PathVariable String id, @RequestParam(defaultValue = "") @MultiLineText(maxLength = 20_000) String text,
                     Model model) {
        model.addAttribute("findings", tone.check(text));
        return "console/case-parts :: tone";
    }

    /** One email as the customer would get it now (htmx). */
    @GetMapping("/cases/{id}/preview")
    String preview(@PathVariable String id, @RequestParam(defaultValue = "MISSED_CALL") String kind, Model model) {
        EmailKind which = Forms.enumOf(EmailKind.class, kind);
        if (which == null) throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown email kind");
        model.addAttribute("preview", previews.preview(cases.get(id).id(), which, null));
        return "console/case-parts :: preview";
    }

    private void fill(Model model, String id, Locale locale) {
        StockoutCase c = cases.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Optional<ContactCase> contact = desk.find(c.id());
        Order order = orders.find(OrderNumber.parse(c.orderNumber())).orElse(null);
        boolean open = c.status() == StockoutStatus.OPEN || c.status() == StockoutStatus.AWAITING_DECISION;
        model.addAttribute("c", c);
        model.addAttribute("open", open);
        model.addAttribute("statusText", texts.status(c.status(), locale));
        model.addAttribute("withdrawnText", c.withdrawal() == null ? null : texts.withdrawal(c.withdrawal(), locale));
        model.addAttribute("reasonText", texts.reason(c.reason(), locale));
        model.addAttribute("itemName", Dashboard.name(c, locale));
        model.addAttribute("nextInbound", c.facts() == null || c.facts().nextInbound() == null ? null
                : texts.nextInbound(c.facts().nextInbound(), locale));
        model.addAttribute("order", order);
        model.addAttribute("desk", contact.orElse(null));
        model.addAttribute("supervisorsOnly", contact.map(d -> !RecordingCalls.callerMayRecord(d)).orElse(false));
        Optional<StockoutDecision> decision = deciding.decision(c.id());
        model.addAttribute("decision", decision.orElse(null));
        model.addAttribute("decisionChoice", decision.map(d -> texts.choice(d.choice(), locale)).orElse(null));
        if (open) {
            StockoutOption.Options o = options.of(c);
            List<OptionView> offered = new ArrayList<>();
            for (StockoutOption option : o.offered()) {
                offered.add(new OptionView(option.choice(), texts.choice(option.choice(), locale),
                        texts.option(option, locale), option.substitutes().stream().map(s -> new SubstituteView(
                        s.rank(), s.name(), s.sku(), s.available(), s.price(), comparisons.rows(c.sku(), s, locale)))
                        .toList()));
            }
            model.addAttribute("options", offered);
            model.addAttribute("withheld", o.withheld().stream()
                    .map(w -> texts.choice(w.choice(), locale) + ": " + texts.withheld(w, locale)).toList());
            // the facts, options and order read above, not read and computed a second time
            model.addAttribute("script", contact.isPresent() && order != null
                    ? scripts.write(c, o, order, Locale.forLanguageTag(contact.get().locale()), operator()) : null);
            model.addAttribute("deadline", deciding.deadline(c));
        } else {
            model.addAttribute("options", List.of());
            model.addAttribute("withheld", List.of());
            model.addAttribute("script", null);
        }
        model.addAttribute("verdicts", java.util.Arrays.stream(dev.zaiko.stockout.SubstituteCandidate.Verdict.values())
                .collect(java.util.stream.Collectors.toMap(v -> v, v -> texts.verdict(v, locale))));
        model.addAttribute("refunds", order == null ? List.of() : refunds.ofCase(c.orderNumber(), c.id(), locale));
        model.addAttribute("timeline", timeline(c, decision, locale));
        model.addAttribute("outcomes", CallOutcome.values());
        model.addAttribute("helpedSuggestions", tags(text("case.call.helped.suggestions", locale)));
        model.addAttribute("hurtSuggestions", tags(text("case.call.hurt.suggestions", locale)));
        model.addAttribute("previewKinds", List.of(EmailKind.MISSED_CALL, EmailKind.OPTIONS, EmailKind.FIRST_NOTICE,
                EmailKind.WRONG_NUMBER, EmailKind.ESCALATED));
    }

    private List<Event> timeline(StockoutCase c, Optional<StockoutDecision> decision, Locale locale) {
        List<Event> events = new ArrayList<>();
        for (StockoutCase.StatusChange h : c.history()) {
            events.add(new Event(h.at(), "status", texts.status(h.to(), locale), texts.history(h, locale),
                    actor(h.actor(), locale)));
        }
        for (Interaction i : desk.interactions(InteractionQuery.ofCase(c.id()))) {
            String title = text("case.timeline." + i.channel().name(), locale) + ": "
                    + messages.getMessage("case.timeline." + i.channel().name() + "." + i.kind(), null, i.kind(), locale);
            events.add(new Event(i.at(), i.channel().name().toLowerCase(Locale.ROOT), title, notes(i, locale),
                    actor(i.operator(), locale), i.helped(), i.hurt(), i.lesson()));
        }
        decision.ifPresent(d -> events.add(new Event(d.decidedAt(), "decision",
                text("case.timeline.decision", locale) + ": " + texts.choice(d.choice(), locale), null,
                actor(d.decidedBy(), locale))));
        for (Refunds.RefundStep r : refunds.stepsOfCase(c.orderNumber(), c.id(), locale)) {
            events.add(new Event(r.at(), "refund", text("case.timeline.refund", locale) + ": " + r.routeText() + " "
                    + r.statusText(), r.note(), actor(r.actor(), locale)));
        }
        events.sort(Comparator.comparing(Event::at));
        return events;
    }

    /** The English labels the contact module puts before a mail server's answer to an email of the desk. */
    private static final Map<String, String> MAIL_PROBLEMS = Map.of("EMAIL_BOUNCED", "Bounced: ",
            "EMAIL_FAILED", "Not delivered: ");

    /**
     * An interaction's notes as typed or sent; a bounce or a failed delivery is the mail server's own
     * answer (quoted as it came), labelled in the reader's language instead of the English label it is
     * stored with.
     */
    private String notes(Interaction i, Locale locale) {
        String label = i.channel() == Interaction.Channel.DESK ? MAIL_PROBLEMS.get(i.kind()) : null;
        if (label == null || i.notes() == null) return i.notes();
        String answer = i.notes().startsWith(label) ? i.notes().substring(label.length()) : i.notes();
        return messages.getMessage("case.timeline.DESK." + i.kind() + ".detail", new Object[] {answer}, locale);
    }

    /** Who did it: staff by their name, the shop's own processes ({@code system}, {@code customer}) in words. */
    private String actor(String actor, Locale locale) {
        return actor == null ? null : messages.getMessage("console.actor." + actor, null, actor, locale);
    }

    /**
     * The recording rules live in the contact module; a refusal names its rule and field, and the
     * form says it next to that field in the reader's language (the rule's own text otherwise).
     */
    private void refused(Map<String, String> errors, String type, Object field, String detail, Locale locale) {
        // a tag's rule names the tag (helped[2]); the form has one field for all of them
        errors.put(field == null ? "form" : field.toString().replaceAll("\\[\\d+]$", ""),
                messages.getMessage("case.call.error." + type, null, detail, locale));
    }

    private String findings(List<ToneFinding> findings) {
        StringBuilder s = new StringBuilder();
        for (ToneFinding f : findings) s.append("「").append(f.phrase()).append("」→「").append(f.suggestion()).append("」 ");
        return s.toString().trim();
    }

    private String operator() {
        return Actor.current().name();
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }


}
