package dev.zaiko.insight;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.zaiko.access.Actor;
import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Price and stock history per SKU, the SKUs that sell out most often, and display feedback. */
@RestController
@RequestMapping("/api/insight")
class InsightHistoryController {

    private final StockHistory history;
    private final DisplayFeedback feedback;

    InsightHistoryController(StockHistory history, DisplayFeedback feedback) {
        this.history = history;
        this.feedback = feedback;
    }

    @Operation(summary = "A SKU's price and stock history over a period",
            description = "from and to are days (YYYY-MM-DD, the shop's time zone; default the last 30 days, at most "
                    + StockHistory.MAX_DAYS + " days); channel limits it to one channel. Prices: the price in force when "
                    + "the period began, then every change. Per channel and day: closing and lowest ATS, out of stock, "
                    + "sell-outs, LOW shown; the frequency summary per channel and for the SKU (a day out on any "
                    + "channel). 404 for an unknown SKU, 400 naming the field for a bad parameter.")
    @GetMapping("/skus/{sku}/history")
    StockHistory.SkuHistory history(@PathVariable String sku,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                    @RequestParam(required = false) String channel) {
        return history.of(sku, from, to, blankToNull(channel));
    }

    @Operation(summary = "The SKUs that sell out most often",
            description = "Over from..to (default the last 30 days): days observed, days out of stock, their share and "
                    + "sell-outs per SKU; order=stockout-days (default) or sellouts; sku= a SKU prefix, channel= one "
                    + "channel; limit 1..500 (default 50).")
    @GetMapping("/skus")
    List<StockHistory.SkuFrequency> skus(@RequestParam(required = false) String order,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         @RequestParam(required = false) String sku,
                                         @RequestParam(required = false) String channel,
                                         @RequestParam(defaultValue = "50") int limit) {
        return history.list(from, to, StockHistory.Order.of(order), sku, blankToNull(channel), limit);
    }

    @Operation(summary = "Display feedback: what to change where orders failed while the channel showed stock",
            description = "Per SKU and kind (RAISE_LOW_THRESHOLD, SHARED_STOCK_NOTE, PROTECT_FOR_STORE): the failures, "
                    + "their channels, how many cases (caseCount) and the newest " + DisplayFeedback.CASES_LISTED
                    + " case ids, the suggested value and the reason in words (Accept-Language). The most failures "
                    + "first. Read from the stored list (recomputed every few minutes, and for a SKU at once when a "
                    + "case on it comes or a suggestion is decided; computedAt says when in full). Paged: limit 1 to "
                    + DisplayFeedback.MAX_LIMIT + " (default " + DEFAULT_LIMIT + "), offset (default 0); total counts "
                    + "every stored suggestion, nextOffset is where the next page starts (null on the last). sku= one "
                    + "SKU's suggestions.")
    @GetMapping("/display-suggestions")
    DisplayFeedback.Page suggestions(@RequestParam(required = false) String sku,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(required = false) String offset, Locale locale) {
        return feedback.list(blankToNull(sku), number("limit", limit, 1, DisplayFeedback.MAX_LIMIT, DEFAULT_LIMIT),
                number("offset", offset, 0, Integer.MAX_VALUE, 0), locale);
    }

    static final int DEFAULT_LIMIT = 50;

    @Operation(summary = "One display suggestion, computed now, with all its case ids",
            description = "404 when there is no such open suggestion (decided, or no failures any more).")
    @GetMapping("/display-suggestions/{id}")
    DisplayFeedback.Suggestion suggestion(@PathVariable String id, Locale locale) {
        return feedback.one(id, locale).orElseThrow(() -> new dev.zaiko.platform.NotFoundException(
                "No display suggestion " + id + "."));
    }

    @Operation(summary = "Recompute the display suggestions now",
            description = "A supervisor recomputes the stored list at once (the job does it every few minutes).")
    @Requires(Authority.SUPERVISE)
    @PostMapping("/display-suggestions/refresh")
    DisplayFeedback.Refreshed refreshSuggestions() {
        return feedback.refresh();
    }

    private static int number(String field, String value, int min, int max, int otherwise) {
        if (value == null || value.isBlank()) return otherwise;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new dev.zaiko.platform.InvalidRequestException("invalid-request", field + " must be a whole number from "
                + min + (max == Integer.MAX_VALUE ? " on" : " to " + max) + ".", java.util.Map.of("field", field));
    }

    @Operation(summary = "Apply a display suggestion (supervisor)",
            description = "Raises the product's low-stock threshold, turns the SKU's shared-stock note on, or protects "
                    + "units for the store; records who and when. 409 when it was applied or dismissed already.")
    @PostMapping("/display-suggestions/{id}/apply")
    @Requires(Authority.SUPERVISE)
    DisplayFeedback.Applied apply(@PathVariable String id, Locale locale) {
        return feedback.apply(id, Actor.current().label(), locale);
    }

    @Operation(summary = "Dismiss a display suggestion (supervisor)",
            description = "Not suggested again for the SKU and kind until a newer failure comes. 409 when decided already.")
    @PostMapping("/display-suggestions/{id}/dismiss")
    @Requires(Authority.SUPERVISE)
    DisplayFeedback.Suggestion dismiss(@PathVariable String id, Locale locale) {
        return feedback.dismiss(id, Actor.current().label(), locale);
    }

    @Operation(summary = "The latest decisions on display suggestions", description = "Newest first, at most 100.")
    @GetMapping("/display-suggestions/decisions")
    List<DisplayFeedback.Decision> decisions() {
        return feedback.decisions(100);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
