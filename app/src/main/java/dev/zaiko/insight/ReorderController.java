package dev.zaiko.insight;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.Requires;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reorder suggestions (docs/insight-reorder.md): {@code GET /api/insight/reorder-suggestions?sku=&flag=}
 * (and {@code .csv}; the stored list), {@code POST /api/insight/reorder-suggestions/refresh} (a supervisor),
 * {@code GET /api/insight/reorder-suggestions/{sku}} (computed now), and the shop's setting
 * {@code GET/PUT /api/insight/settings} (a supervisor changes it). Reasons and flag texts follow
 * Accept-Language (Japanese by default).
 */
@RestController
@RequestMapping("/api/insight")
class ReorderController {

    private final SuggestingReorders suggesting;
    private final ReorderSettings settings;
    private final ReorderSuggestionTable table;

    ReorderController(SuggestingReorders suggesting, ReorderSettings settings, ReorderSuggestionTable table) {
        this.suggesting = suggesting;
        this.settings = settings;
        this.table = table;
    }

    /**
     * @param today      the day the stored suggestions count from (the day they were computed)
     * @param computedAt when they were computed (null before the first refresh)
     * @param total      the rows the filter matches (suggestions holds those from offset, at most limit)
     */
    record Listing(LocalDate today, Instant computedAt, ReorderSettings.Setting settings, int total,
                   List<ReorderSuggestion> suggestions) {
    }

    record SettingsRequest(BigDecimal serviceLevelPercent, Integer reviewPeriodDays) {
    }

    @Operation(summary = "List reorder suggestions",
            description = "Every SKU with demand in the last 90 days, customers waiting for it, or a flag: order N by date D with the reason in the caller's language, sorted by the day to order. `flag` = REPEAT_STOCKOUTS or COUNT_DIFFERS. Read from the stored list, recomputed every few minutes: `computedAt` says when. `limit` (1 to 10000; default all) and `offset` (default 0) page it; `total` counts the rows the filter matches.")
    @GetMapping("/reorder-suggestions")
    Listing list(@RequestParam(required = false) String sku, @RequestParam(required = false) String flag,
                 @RequestParam(required = false) String limit, @RequestParam(required = false) String offset,
                 Locale locale) {
        ReorderSuggestionTable.Listed listed = table.list(blankToNull(sku), flag(flag),
                number("limit", limit, 1, MAX_LIMIT, null), number("offset", offset, 0, Integer.MAX_VALUE, 0), locale);
        return new Listing(listed.today(), listed.computedAt(), settings.current(), listed.total(),
                listed.suggestions());
    }

    @Operation(summary = "Recompute the reorder suggestions now",
            description = "A supervisor recomputes every SKU's stored suggestion at once (the job does it every few minutes).")
    @Requires(Authority.SUPERVISE)
    @PostMapping("/reorder-suggestions/refresh")
    ReorderSuggestionTable.Refreshed refresh() {
        return table.refresh();
    }

    @Operation(summary = "Export reorder suggestions as CSV",
            description = "The same rows as the list (same filters, the stored list), UTF-8 with a header line.")
    @GetMapping("/reorder-suggestions.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String sku, @RequestParam(required = false) String flag,
                               Locale locale) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reorder-suggestions.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(ReorderCsv.of(table.list(blankToNull(sku), flag(flag), null, locale).suggestions()));
    }

    @Operation(summary = "Read the reorder suggestion for one SKU",
            description = "Computed now (not the stored list). Quantity 0 and no date when the SKU has no demand; 404 for a SKU the catalog does not know and insight never saw.")
    @GetMapping("/reorder-suggestions/{sku}")
    ReorderSuggestion one(@PathVariable String sku, Locale locale) {
        return suggesting.one(sku, locale)
                .orElseThrow(() -> new NotFoundException("No product and no demand for SKU '" + sku + "'."));
    }

    @Operation(summary = "Read the reorder settings",
            description = "The service level (percent) the safety stock is kept for, and the review period in days.")
    @GetMapping("/settings")
    ReorderSettings.Setting settings() {
        return settings.current();
    }

    @Operation(summary = "Change the reorder settings",
            description = "A supervisor sets the service level (50 to 99.9 percent) and/or the review period (1 to 90 days); a field left out keeps its value. Every stored suggestion is recomputed for it at once.")
    @Requires(Authority.SUPERVISE)
    @PutMapping("/settings")
    ReorderSettings.Setting change(@RequestBody SettingsRequest request) {
        if (request == null) throw new InvalidRequestException("The body must name serviceLevelPercent and/or reviewPeriodDays.");
        return table.changeSettings(request.serviceLevelPercent(), request.reviewPeriodDays());
    }

    static final int MAX_LIMIT = 10_000;

    private static Integer number(String field, String value, int min, int max, Integer otherwise) {
        if (value == null || value.isBlank()) return otherwise;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("invalid-request", field + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " on" : " to " + max) + ".", Map.of("field", field));
    }

    private static ReorderSuggestion.Flag flag(String flag) {
        if (flag == null || flag.isBlank()) return null;
        try {
            return ReorderSuggestion.Flag.valueOf(flag.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid-request", "flag must be one of "
                    + Arrays.toString(ReorderSuggestion.Flag.values()) + ".", Map.of("field", "flag"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
