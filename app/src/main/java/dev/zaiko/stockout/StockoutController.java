package dev.zaiko.stockout;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zaiko.platform.MultiLineText;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.platform.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * {@code GET /api/stockouts} (the contact queue) and {@code GET /api/stockouts/{id}}. Texts
 * follow Accept-Language (Japanese by default); problem details are English.
 */
@RestController
@RequestMapping("/api/stockouts")
class StockoutController {

    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final StockoutCases cases;
    private final StockoutTexts texts;
    private final ComputingOptions options;
    private final DecidingStockout deciding;

    StockoutController(StockoutCases cases, StockoutTexts texts, ComputingOptions options, DecidingStockout deciding) {
        this.cases = cases;
        this.texts = texts;
        this.options = options;
        this.deciding = deciding;
    }

    @Operation(summary = "List stockout cases",
            description = "The contact queue: cases filtered by status, reason, priority and SKU, in the caller's language (Accept-Language), paged.")
    @GetMapping
    PageView list(@RequestParam(required = false) String status,
                  @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String priority,
                  @RequestParam(required = false) String sku,
                  @RequestParam(required = false) String order,
                  @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "" + StockoutQuery.DEFAULT_SIZE) int size,
                  Locale locale) {
        StockoutPage found = cases.list(new StockoutQuery(status(status), reason(reason), priority(priority),
                sku == null || sku.isBlank() ? null : sku.strip(), orderDigits(order), page, size));
        return new PageView(found.items().stream().map(c -> view(c, locale)).toList(), found.page(), found.size(),
                found.total());
    }

    @Operation(summary = "Read a stockout case",
            description = "The case with the facts for the apology call, the customer's real options computed now (and those not offered, with why), its decision and status history.")
    @GetMapping("/{id}")
    CaseView get(@PathVariable String id, Locale locale) {
        return detailed(cases.get(id), locale);
    }

    /**
     * The customer's (or staff's) decision: {@code {"choice", "substituteSku"?, "decidedBy"?, "note"?}}.
     * Answers with the case as it is after the decision.
     */
    @Operation(summary = "Decide a stockout case",
            description = "The customer's (or staff's) choice among the options offered now (WAIT, SUBSTITUTE, DROP_SHIP, TRANSFER, PARTIAL, CANCEL): it is carried out on the order at once. Answers the case as it is after the decision.")
    @ApiResponse(responseCode = "200", description = "The case as it is after the decision.")
    @ApiResponse(responseCode = "409", description = "The case is already decided or was closed because the channel cancelled the order, or the choice or substitute is not offered now (stockout-already-decided, stockout-withdrawn, option-not-offered, substitute-not-offered, substitute-unavailable).")
    @PostMapping("/{id}/decision")
    CaseView decide(@PathVariable String id, @Valid @RequestBody DecisionRequest request, Locale locale) {
        StockoutDecision decided = deciding.decide(id, new DecidingStockout.Decision(request.choice(),
                request.substituteSku(), request.decidedBy(), request.note()));
        return detailed(cases.get(decided.caseId()), locale);
    }

    /**
     * @param decidedBy who took the decision: a staff name, or {@code customer} for a signed link
     * @param note      what the customer said, for the record
     */
    record DecisionRequest(@NotNull Choice choice, @Size(min = 1, max = 64) String substituteSku,
                           @Size(max = 100) String decidedBy, @MultiLineText @Size(max = 2000) String note) {
    }

    record PageView(List<CaseView> items, int page, int size, long total) {
    }

    /**
     * The stable stockout JSON. {@code options} are the choices that work now, in the order they are
     * read to the customer; {@code notOffered} says why the others do not; both are empty in lists
     * (computing them asks the inventory) and once the case is decided ({@code decision}).
     */
    @JsonPropertyOrder({"id", "orderNumber", "lineNo", "sku", "quantityShort", "reason", "reasonText", "status",
            "statusText", "priority", "contactDeadline", "serviceLevel", "decideBy", "detectedAt", "createdAt", "facts",
            "options", "notOffered", "decision", "withdrawn", "history"})
    record CaseView(String id, String orderNumber, int lineNo, String sku, int quantityShort, String reason,
                    String reasonText, StockoutStatus status, String statusText, int priority, Instant contactDeadline,
                    String serviceLevel, Instant decideBy, Instant detectedAt, Instant createdAt, FactsView facts,
                    List<OptionView> options, List<NotOfferedView> notOffered, DecisionView decision,
                    WithdrawnView withdrawn, List<HistoryView> history) {
    }

    /**
     * A case closed without a decision because its order line is gone; null for every other case.
     *
     * @param reason {@code CANCELLED_ON_CHANNEL}: the channel (its buyer or the marketplace) cancelled the order
     */
    @JsonPropertyOrder({"reason", "channel", "at", "text"})
    record WithdrawnView(String reason, String channel, Instant at, String text) {
    }

    /**
     * One status change. {@code reason} is why, worded in the request's language; {@code code} and
     * {@code args} are the same as a bundle key and its arguments' values (null and empty for changes
     * recorded before they were kept), for clients that word it themselves.
     */
    @JsonPropertyOrder({"from", "to", "actor", "reason", "code", "args", "at"})
    record HistoryView(StockoutStatus from, StockoutStatus to, String actor, String reason, String code,
                       List<String> args, Instant at) {
    }

    @JsonPropertyOrder({"orderNumber", "orderedAt", "channel", "channelKind", "item", "quantityOrdered",
            "quantityShort", "reason", "reasonText", "nextInbound", "inboundExpected", "nextInboundText", "customer"})
    record FactsView(String orderNumber, Instant orderedAt, String channel, String channelKind,
                     StockoutFacts.Item item, Integer quantityOrdered, int quantityShort, String reason,
                     String reasonText, StockoutFacts.NextInbound nextInbound, boolean inboundExpected,
                     String nextInboundText, StockoutFacts.CustomerFlags customer) {
    }

    @JsonPropertyOrder({"choice", "choiceText", "explanation", "units", "promisedDate", "refundAmount", "currency",
            "source", "sourceName", "substitutes"})
    record OptionView(Choice choice, String choiceText, String explanation, int units, LocalDate promisedDate,
                      Long refundAmount, String currency, String source, String sourceName,
                      List<SubstituteView> substitutes) {
    }

    @JsonPropertyOrder({"rank", "sku", "name", "pinned", "quantity", "listPrice", "originalUnitPrice",
            "chargedUnitPrice", "refundAmount", "absorbedAmount", "available", "shipsOn", "fallsShortOn", "comparison"})
    record SubstituteView(int rank, String sku, StockoutFacts.Name name, boolean pinned, int quantity, long listPrice,
                          long originalUnitPrice, long chargedUnitPrice, long refundAmount, long absorbedAmount,
                          int available, LocalDate shipsOn, List<String> fallsShortOn, List<RowView> comparison) {
    }

    record RowView(String attribute, String original, String substitute, SubstituteCandidate.Verdict verdict,
                   String verdictText, boolean matters) {
    }

    record NotOfferedView(Choice choice, String code, String explanation) {
    }

    @JsonPropertyOrder({"choice", "choiceText", "lineNo", "units", "substituteSku", "promisedDate", "source",
            "refundAmount", "byDefault", "decidedBy", "note", "decidedAt", "explanation"})
    record DecisionView(Choice choice, String choiceText, int lineNo, int units, String substituteSku,
                        LocalDate promisedDate, String source, long refundAmount, boolean byDefault, String decidedBy,
                        String note, Instant decidedAt, String explanation) {
    }

    private CaseView view(StockoutCase c, Locale locale) {
        return view(c, null, null, locale);
    }

    private CaseView detailed(StockoutCase c, Locale locale) {
        StockoutOption.Options offered = options.of(c);
        return view(c, offered, deciding.decision(c.id()).orElse(null), locale);
    }

    private CaseView view(StockoutCase c, StockoutOption.Options offered, StockoutDecision decision, Locale locale) {
        StockoutFacts f = c.facts();
        String reasonText = texts.reason(c.reason(), locale);
        FactsView facts = new FactsView(f.orderNumber(), f.orderedAt(), f.channel(), f.channelKind(), f.item(),
                f.quantityOrdered(), f.quantityShort(), f.reason(), reasonText, f.nextInbound(),
                f.nextInbound() != null, texts.nextInbound(f.nextInbound(), locale), f.customer());
        List<OptionView> optionViews = offered == null ? List.of()
                : offered.offered().stream().map(o -> option(o, locale)).toList();
        List<NotOfferedView> withheld = offered == null ? List.of() : offered.withheld().stream()
                .map(w -> new NotOfferedView(w.choice(), w.code(), texts.withheld(w, locale))).toList();
        DecisionView decided = decision == null ? null : new DecisionView(decision.choice(),
                texts.choice(decision.choice(), locale), decision.lineNo(), decision.units(), decision.substituteSku(),
                decision.promisedDate(), decision.source(), decision.refundAmount(), decision.byDefault(),
                decision.decidedBy(), decision.note(), decision.decidedAt(), texts.decided(decision, locale));
        return new CaseView(c.id(), c.orderNumber(), c.lineNo(), c.sku(), c.quantityShort(), c.reason(), reasonText,
                c.status(), texts.status(c.status(), locale), c.priority(), c.contactDeadline(), c.serviceLevelRule(),
                undecided(c) ? deciding.deadline(c) : null, c.detectedAt(), c.createdAt(), facts,
                optionViews, withheld, decided, c.withdrawal() == null ? null : new WithdrawnView(
                        c.withdrawal().reason(), c.withdrawal().channel(), c.withdrawal().at(),
                        texts.withdrawal(c.withdrawal(), locale)), c.history().stream().map(h -> new HistoryView(h.from(), h.to(),
                        h.actor(), texts.history(h, locale), h.wording() == null ? null : h.wording().code(),
                        h.wording() == null ? List.of() : h.wording().values(), h.at())).toList());
    }

    private static boolean undecided(StockoutCase c) {
        return c.status() == StockoutStatus.OPEN || c.status() == StockoutStatus.AWAITING_DECISION;
    }

    private OptionView option(StockoutOption o, Locale locale) {
        List<SubstituteView> substitutes = o.substitutes().stream().map(s -> new SubstituteView(s.rank(), s.sku(),
                s.name(), s.pinned(), s.quantity(), s.listPrice(), s.originalUnitPrice(), s.price().chargedUnitPrice(),
                s.price().refundAmount(), s.price().absorbedAmount(), s.available(), s.shipsOn(), s.fallsShortOn(),
                s.comparison().stream().map(r -> new RowView(r.attribute(), r.original(), r.substitute(), r.verdict(),
                        texts.verdict(r.verdict(), locale), r.matters())).toList())).toList();
        return new OptionView(o.choice(), texts.choice(o.choice(), locale), texts.option(o, locale), o.units(),
                o.promisedDate(), o.refundAmount(), o.refundAmount() == null ? null : "JPY", o.source(), o.sourceName(),
                substitutes);
    }

    private static StockoutStatus status(String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return StockoutStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status must be one of " + List.of(StockoutStatus.values())
                    + ", got '" + status + "'.");
        }
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) return null;
        if (!REASON.matcher(reason.strip()).matches()) {
            throw new InvalidRequestException("reason must be a reason code such as ALLOCATION_FAILED or DISPLACED "
                    + "(capital letters, digits and underscores), got '" + reason + "'.");
        }
        return reason.strip();
    }

    private static String orderDigits(String order) {
        if (order == null || order.isBlank()) return null;
        return OrderNumber.parse(order.strip()).digits(); // a clear 400 for anything else
    }

    private static Integer priority(String priority) {
        if (priority == null || priority.isBlank()) return null;
        try {
            int p = Integer.parseInt(priority.strip());
            if (p >= 1) return p;
        } catch (NumberFormatException e) {
            // falls through to the explanation
        }
        throw new InvalidRequestException("priority must be a whole number of 1 or more (1 is the most urgent), got '"
                + priority + "'.");
    }
}
