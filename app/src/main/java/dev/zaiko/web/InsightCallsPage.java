package dev.zaiko.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zaiko.insight.CallKnowledge;
import dev.zaiko.order.OrderLineShort;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The call knowledge base (対応ナレッジ): a search over calls and case emails by item, reason, tag, words
 * and outcome, and per case type the approaches that ended in a kept customer most often. Reading only (LOOK).
 */
@Controller
class InsightCallsPage {

    /** The reasons a case can have, as the search offers them (the order module's, and an aged backorder). */
    static final List<String> REASONS = List.of(OrderLineShort.ALLOCATION_FAILED, OrderLineShort.DISPLACED,
            OrderLineShort.INSPECTION_DEFECT, OrderLineShort.INBOUND_SHORT, OrderLineShort.SUPPLIER_CANCELLED,
            OrderLineShort.DISCONTINUED, "BACKORDER_AGED");

    private final CallKnowledge knowledge;
    private final MessageSource messages;

    InsightCallsPage(CallKnowledge knowledge, MessageSource messages) {
        this.knowledge = knowledge;
        this.messages = messages;
    }

    /** The search form as typed, shown again. */
    record SearchForm(String sku, String reason, String tag, String q, String outcome, String from, String to) {
    }

    @GetMapping("/insight/calls")
    String calls(@RequestParam(defaultValue = "") String sku, @RequestParam(defaultValue = "") String reason,
                 @RequestParam(defaultValue = "") String tag, @RequestParam(defaultValue = "") String q,
                 @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String from,
                 @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String page,
                 Model model) {
        model.addAttribute("form", new SearchForm(sku, reason, tag, q, outcome, from, to));
        model.addAttribute("reasons", REASONS);
        model.addAttribute("outcomes", CallKnowledge.outcomes());
        try {
            CallKnowledge.CallFilter filter = knowledge.filter(sku, reason, tag, q, outcome, from, to, page);
            model.addAttribute("result", knowledge.search(filter));
            model.addAttribute("errors", Map.of());
        } catch (InvalidRequestException e) {
            model.addAttribute("result", null);
            model.addAttribute("errors", Map.of(String.valueOf(e.properties().get("field")), e.getMessage()));
        }
        return "console/insight/calls";
    }

    /** A reason's approaches with the plain-language line of the one that kept the most customers. */
    record ReasonView(String reason, CallKnowledge.ReasonApproaches approaches, String line) {
    }

    @GetMapping("/insight/calls/approaches")
    String approaches(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                      Model model, Locale locale) {
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        Map<String, String> errors = new LinkedHashMap<>();
        java.time.LocalDate f = null, t = null;
        try {
            f = CallKnowledge.date("from", from);
            t = CallKnowledge.date("to", to);
            if (f != null && t != null && f.isAfter(t)) {
                errors.put("from", messages.getMessage("insight.calls.approaches.fromAfterTo", null, locale));
            }
        } catch (InvalidRequestException e) {
            errors.put(String.valueOf(e.properties().get("field")), e.getMessage());
        }
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            model.addAttribute("reasons", List.of());
            return "console/insight/calls-approaches";
        }
        CallKnowledge.Approaches approaches = knowledge.approaches(f, t);
        model.addAttribute("reasons", approaches.reasons().stream().map(r -> new ReasonView(r.reason(), r,
                line(r, locale))).toList());
        return "console/insight/calls-approaches";
    }

    /** "For DISPLACED cases, 入荷日を伝えた ended in a kept customer in 7 of 9 cases", in the reader's language. */
    private String line(CallKnowledge.ReasonApproaches r, Locale locale) {
        String reason = messages.getMessage("console.reason." + r.reason(), null, r.reason(), locale);
        CallKnowledge.Approach best = r.helped().stream().filter(a -> a.known() > 0).findFirst().orElse(null);
        if (best == null) return messages.getMessage("insight.calls.approaches.none", new Object[] {reason}, locale);
        return messages.getMessage("insight.calls.approaches.line",
                new Object[] {reason, best.tag(), best.kept(), best.known()}, locale);
    }
}
