package dev.zaiko.web;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import dev.zaiko.insight.MonthRange;
import dev.zaiko.insight.ReportingStockouts;
import dev.zaiko.insight.StockoutReport;
import dev.zaiko.insight.StockoutReportCsv;
import dev.zaiko.platform.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The monthly stockout report in the console ({@code /insight}): a month range, charts drawn from the
 * tables behind them (static/js/insight-charts.js), every section's table, and the CSV (the console's
 * own route, since staff have a session rather than an API token).
 */
@Controller
class InsightReportPage {

    private final ReportingStockouts reporting;
    private final MessageSource messages;

    InsightReportPage(ReportingStockouts reporting, MessageSource messages) {
        this.reporting = reporting;
        this.messages = messages;
    }

    /** A table pivoted for a chart: one row per label, one column per series. */
    record Pivot(List<String> series, List<String> seriesNames, List<PivotRow> rows) {
    }

    record PivotRow(String label, List<Number> values) {
    }

    @GetMapping("/insight")
    String report(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
                  Locale locale, HttpServletResponse response) {
        MonthRange months;
        try {
            months = reporting.months(from, to);
        } catch (InvalidRequestException e) {
            response.setStatus(400);
            model.addAttribute("error", messages.getMessage("insight.report.error.months",
                    new Object[]{MonthRange.MAX_MONTHS}, locale));
            months = reporting.months(null, null);
        }
        StockoutReport report = reporting.report(months);
        List<String> monthList = new ArrayList<>();
        for (YearMonth m = months.from(); !m.isAfter(months.to()); m = m.plusMonths(1)) monthList.add(m.toString());
        model.addAttribute("report", report);
        model.addAttribute("from", months.from().toString());
        model.addAttribute("to", months.to().toString());
        model.addAttribute("byReason", pivot(monthList, report.casesByReason().stream()
                .map(r -> new Cell(r.month(), r.reason(), r.cases())).toList(), "console.reason.", locale, 0));
        model.addAttribute("byOutcome", pivot(monthList, report.outcomes().stream()
                .map(r -> new Cell(r.month(), r.outcome(), r.cases())).toList(), "insight.report.outcome.", locale, 0));
        model.addAttribute("byChannel", pivot(monthList, report.casesByChannel().stream()
                .map(r -> new Cell(r.month(), r.channel(), r.cases())).toList(), null, locale, 0));
        model.addAttribute("shareMet", pivot(monthList, report.firstContact().stream()
                .filter(r -> r.shareMet() != null)
                .map(r -> new Cell(r.month(), "P" + r.priority(), percent(r.shareMet()))).toList(), null, locale, null));
        return "console/insight/report";
    }

    @GetMapping("/insight/report.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String section) {
        MonthRange months = reporting.months(from, to);
        return StockoutReportCsv.download(months, section,
                StockoutReportCsv.write(reporting.report(months), section));
    }

    /** A share as a percentage with one decimal (0.6667 → 66.7). */
    static double percent(double share) {
        return java.math.BigDecimal.valueOf(share * 100).setScale(1, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private record Cell(String label, String series, Number value) {
    }

    /** Every month a row (a month without any is zeros), the series in alphabetical order. */
    private Pivot pivot(List<String> labels, List<Cell> cells, String namePrefix, Locale locale, Number missing) {
        List<String> series = new ArrayList<>(new TreeSet<>(cells.stream().map(Cell::series).toList()));
        Map<String, Map<String, Number>> byLabel = new LinkedHashMap<>();
        for (Cell c : cells) byLabel.computeIfAbsent(c.label(), k -> new LinkedHashMap<>()).put(c.series(), c.value());
        List<PivotRow> rows = new ArrayList<>();
        for (String label : labels) {
            Map<String, Number> values = byLabel.getOrDefault(label, Map.of());
            rows.add(new PivotRow(label, series.stream().map(s -> values.getOrDefault(s, missing)).toList()));
        }
        List<String> names = series.stream().map(s -> namePrefix == null ? s
                : messages.getMessage(namePrefix + s, null, s, locale)).toList();
        return new Pivot(series, names, rows);
    }
}
