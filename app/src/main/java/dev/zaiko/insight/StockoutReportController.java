package dev.zaiko.insight;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The monthly stockout report over the API, as JSON or as one CSV file. */
@RestController
class StockoutReportController {

    private final ReportingStockouts reporting;

    StockoutReportController(ReportingStockouts reporting) {
        this.reporting = reporting;
    }

    @Operation(summary = "Read the monthly stockout report",
            description = "Cases by month, reason, channel and SKU; apology contacts; detection to first contact "
                    + "against the service level; outcomes with revenue kept and lost; cost. `from` and `to` are "
                    + "months (yyyy-MM, the shop's time zone, both included; default the last 12 months, at most 36). "
                    + "Every number is defined in docs/insight-report.md.")
    @GetMapping("/api/insight/stockout-report")
    StockoutReport report(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return reporting.report(reporting.months(from, to));
    }

    @Operation(summary = "Download the monthly stockout report as CSV",
            description = "The same rows as the JSON: a first column `section` names the table a row belongs to; "
                    + "`section` (e.g. outcomes) gives that table alone.")
    @GetMapping(path = "/api/insight/stockout-report.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String section) {
        MonthRange months = reporting.months(from, to);
        String body = StockoutReportCsv.write(reporting.report(months), section);
        return StockoutReportCsv.download(months, section, body);
    }
}
