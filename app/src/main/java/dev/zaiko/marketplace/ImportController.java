package dev.zaiko.marketplace;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;

/**
 * CSV imports (docs/marketplace-files.md). 200 with the per-row report, also when some rows have
 * errors (those changed nothing; the others are imported); 400 problem details, nothing imported,
 * for a body that is not the expected CSV (listing the expected header). {@code ?dryRun=true}
 * checks every row and writes nothing: for all or nothing, import only when its report has no errors.
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

    private final TillSaleImports tillSales;
    private final OrderImports orders;

    ImportController(TillSaleImports tillSales, OrderImports orders) {
        this.tillSales = tillSales;
        this.orders = orders;
    }

    @Operation(summary = "Import till sales from CSV",
            description = "Each row is a till sale taken from the store's stock. Rows are imported one by one with a per-row error report; a row already imported is not taken again. With dryRun=true nothing is changed and the report says what would happen. The charset is UTF-8 or Shift_JIS (charset parameter or Content-Type).")
    @PostMapping(path = "/till-sales", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ImportReport tillSales(@RequestBody(required = false) byte[] body, @RequestParam(required = false) String charset,
                           @RequestParam(defaultValue = "false") boolean dryRun,
                           @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        return tillSales.importCsv(body, charset(charset, contentType), dryRun);
    }

    @Operation(summary = "Import marketplace orders from CSV",
            description = "Each row is an order line of a marketplace order placed on the channel; rows of one order become one order. Rows are imported one by one with a per-row error report, idempotent on re-import. With dryRun=true nothing is changed. The charset is UTF-8 or Shift_JIS (charset parameter or Content-Type).")
    @PostMapping(path = "/orders", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ImportReport orders(@RequestParam(required = false) String channel, @RequestBody(required = false) byte[] body,
                        @RequestParam(required = false) String charset, @RequestParam(defaultValue = "false") boolean dryRun,
                        @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        return orders.importCsv(channel, body, charset(charset, contentType), dryRun);
    }

    /** {@code ?charset=} first, then the Content-Type's charset parameter; neither: UTF-8. */
    private static String charset(String parameter, String contentType) {
        if (parameter != null && !parameter.isBlank()) return parameter;
        if (contentType == null) return null;
        try {
            return MediaType.parseMediaType(contentType).getParameter("charset");
        } catch (RuntimeException unparsable) {
            return null;
        }
    }
}
