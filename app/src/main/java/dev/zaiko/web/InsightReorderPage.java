package dev.zaiko.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.zaiko.insight.ReorderCsv;
import dev.zaiko.insight.ReorderSettings;
import dev.zaiko.insight.ReorderSuggestion;
import dev.zaiko.insight.ReorderSuggestionTable;
import dev.zaiko.platform.Authority;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.Requires;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reorder suggestions on the console ({@code /insight/reorder}, docs/insight-reorder.md): what to order
 * by when, sorted by the day to order, with the flags and the reason; and the service level and
 * review period form (a supervisor saves it).
 */
@Controller
class InsightReorderPage {

    /** The most rows the page shows (the earliest to order first); the CSV has them all. */
    static final int MAX_ROWS = 500;

    private final ReorderSuggestionTable table;
    private final ReorderSettings settings;

    InsightReorderPage(ReorderSuggestionTable table, ReorderSettings settings) {
        this.table = table;
        this.settings = settings;
    }

    @GetMapping("/insight/reorder")
    String page(@RequestParam(required = false) String sku, @RequestParam(required = false) String flag,
                @RequestParam(required = false) String notice, Model model, Locale locale) {
        ReorderSettings.Setting current = settings.current();
        return show(model, sku, flag, notice, current.serviceLevelPercent().toPlainString(),
                Integer.toString(current.reviewPeriodDays()), Map.of(), locale);
    }

    @GetMapping("/insight/reorder.csv")
    org.springframework.http.ResponseEntity<String> csv(@RequestParam(required = false) String sku,
                                                        @RequestParam(required = false) String flag, Locale locale) {
        return org.springframework.http.ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"reorder-suggestions.csv\"")
                .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(ReorderCsv.of(table.list(skuFilter(sku), flag(flag), null, locale).suggestions()));
    }

    @Requires(Authority.SUPERVISE)
    @PostMapping("/insight/reorder/settings")
    String save(@RequestParam(defaultValue = "") String serviceLevelPercent,
                @RequestParam(defaultValue = "") String reviewPeriodDays, Model model, Locale locale,
                HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal level = null;
        Integer review = null;
        try {
            level = new BigDecimal(serviceLevelPercent.trim());
        } catch (NumberFormatException e) {
            errors.put("serviceLevelPercent", "serviceLevelPercent");
        }
        try {
            review = Integer.valueOf(reviewPeriodDays.trim());
        } catch (NumberFormatException e) {
            errors.put("reviewPeriodDays", "reviewPeriodDays");
        }
        if (errors.isEmpty()) {
            try {
                table.changeSettings(level, review);
                return "redirect:/insight/reorder?notice=saved";
            } catch (InvalidRequestException e) {
                Object field = e.properties().get("field");
                errors.put(field == null ? "serviceLevelPercent" : field.toString(), e.getMessage());
            }
        }
        errors.replaceAll((field, message) -> field); // the page shows each field's own rule
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return show(model, null, null, null, serviceLevelPercent, reviewPeriodDays, errors, locale);
    }

    private String show(Model model, String sku, String flag, String notice, String level, String review,
                        Map<String, String> errors, Locale locale) {
        ReorderSuggestion.Flag only = flag(flag);
        String skuFilter = skuFilter(sku);
        ReorderSuggestionTable.Listed listed = table.list(skuFilter, only, MAX_ROWS, locale);
        model.addAttribute("suggestions", listed.suggestions());
        model.addAttribute("total", listed.total());
        model.addAttribute("maxRows", MAX_ROWS);
        model.addAttribute("today", listed.today());
        model.addAttribute("computedAt", listed.computedAt());
        model.addAttribute("flags", ReorderSuggestion.Flag.values());
        model.addAttribute("flag", only == null ? "" : only.name());
        model.addAttribute("sku", skuFilter == null ? "" : skuFilter);
        model.addAttribute("notice", notice);
        model.addAttribute("serviceLevelPercent", level);
        model.addAttribute("reviewPeriodDays", review);
        model.addAttribute("errors", errors);
        return "console/insight/reorder";
    }

    /** A flag the page does not know shows every row, as "all" does. */
    private static ReorderSuggestion.Flag flag(String flag) {
        if (flag == null || flag.isBlank()) return null;
        try {
            return ReorderSuggestion.Flag.valueOf(flag.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String skuFilter(String sku) {
        return sku == null || sku.isBlank() ? null : sku.trim();
    }
}
