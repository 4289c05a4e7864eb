package dev.zaiko.stockout;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    StockoutController(StockoutCases cases, StockoutTexts texts) {
        this.cases = cases;
        this.texts = texts;
    }

    @GetMapping
    PageView list(@RequestParam(required = false) String status,
                  @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String priority,
                  @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "" + StockoutQuery.DEFAULT_SIZE) int size,
                  Locale locale) {
        StockoutPage found = cases.list(new StockoutQuery(status(status), reason(reason), priority(priority), page,
                size));
        return new PageView(found.items().stream().map(c -> view(c, locale)).toList(), found.page(), found.size(),
                found.total());
    }

    @GetMapping("/{id}")
    CaseView get(@PathVariable String id, Locale locale) {
        return view(cases.get(id), locale);
    }

    record PageView(List<CaseView> items, int page, int size, long total) {
    }

    /**
     * The stable stockout JSON. {@code options} is empty until the options are computed (a later
     * slice: WAIT, SUBSTITUTE, DROP_SHIP/TRANSFER, PARTIAL, CANCEL, each {@code {"choice", ...}}).
     */
    @JsonPropertyOrder({"id", "orderNumber", "lineNo", "sku", "quantityShort", "reason", "reasonText", "status",
            "statusText", "priority", "contactDeadline", "serviceLevel", "detectedAt", "createdAt", "facts", "options",
            "history"})
    record CaseView(String id, String orderNumber, int lineNo, String sku, int quantityShort, String reason,
                    String reasonText, StockoutStatus status, String statusText, int priority, Instant contactDeadline,
                    String serviceLevel, Instant detectedAt, Instant createdAt, FactsView facts,
                    List<Map<String, Object>> options, List<StockoutCase.StatusChange> history) {
    }

    @JsonPropertyOrder({"orderNumber", "orderedAt", "channel", "channelKind", "item", "quantityOrdered",
            "quantityShort", "reason", "reasonText", "nextInbound", "inboundExpected", "nextInboundText", "customer"})
    record FactsView(String orderNumber, Instant orderedAt, String channel, String channelKind,
                     StockoutFacts.Item item, Integer quantityOrdered, int quantityShort, String reason,
                     String reasonText, StockoutFacts.NextInbound nextInbound, boolean inboundExpected,
                     String nextInboundText, StockoutFacts.CustomerFlags customer) {
    }

    private CaseView view(StockoutCase c, Locale locale) {
        StockoutFacts f = c.facts();
        String reasonText = texts.reason(c.reason(), locale);
        FactsView facts = new FactsView(f.orderNumber(), f.orderedAt(), f.channel(), f.channelKind(), f.item(),
                f.quantityOrdered(), f.quantityShort(), f.reason(), reasonText, f.nextInbound(),
                f.nextInbound() != null, texts.nextInbound(f.nextInbound(), locale), f.customer());
        return new CaseView(c.id(), c.orderNumber(), c.lineNo(), c.sku(), c.quantityShort(), c.reason(), reasonText,
                c.status(), texts.status(c.status(), locale), c.priority(), c.contactDeadline(), c.serviceLevelRule(),
                c.detectedAt(), c.createdAt(), facts, List.of(), c.history());
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
