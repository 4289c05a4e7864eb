package dev.zaiko.supplier;

import java.net.URI;
import java.util.List;

import dev.zaiko.platform.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * A maker's discontinuation list (docs/discontinuations.md): the CSV file is the request body
 * ({@code text/csv}), UTF-8 or Shift_JIS ({@code ?charset=} or the Content-Type's charset), its
 * name in {@code ?fileName=}. Both writes need CHANGE, as {@code POST /api/products/{sku}/discontinue} does.
 */
@RestController
@RequestMapping("/api/discontinuations")
class DiscontinuationController {

    private final DiscontinuingFromLists discontinuing;
    private final DiscontinuationLists lists;

    DiscontinuationController(DiscontinuingFromLists discontinuing, DiscontinuationLists lists) {
        this.discontinuing = discontinuing;
        this.lists = lists;
    }

    @Operation(summary = "Preview a discontinuation list",
            description = "Reads a maker's discontinuation list (CSV with a sku or jan column or both, optionally note) and answers, per row, the product it names or its error, and per product what applying the list would touch: lines that still ship, backordered lines that become stockout cases, expected inbounds (they stay), units per channel that stop being sold. Changes nothing.")
    @ApiResponse(responseCode = "200", description = "The report; rows with errors are in it (errors), the list as a whole would be refused.")
    @PostMapping(path = "/preview", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    DiscontinuationReport preview(@RequestBody(required = false) byte[] body,
                                  @RequestParam(required = false) String charset,
                                  @RequestParam(required = false) String fileName,
                                  @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        return discontinuing.preview(body, charset(charset, contentType), fileName);
    }

    @Operation(summary = "Apply a discontinuation list",
            description = "Discontinues every product the list names in one transaction, each as POST /api/products/{sku}/discontinue does (nothing sellable anywhere at once; every backordered line becomes a stockout case), and records the list. All or nothing: a list with any row error is refused as a whole (400 discontinuation-list-refused with errors: row, field, code, message) and nothing changes.")
    @ApiResponse(responseCode = "201", description = "Applied: the report of what was done; Location names the record of the list.")
    @ApiResponse(responseCode = "400", description = "Not such a CSV file, or a row has an error: nothing changed.")
    @PostMapping(consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ResponseEntity<DiscontinuationReport> apply(@RequestBody(required = false) byte[] body,
                                                @RequestParam(required = false) String charset,
                                                @RequestParam(required = false) String fileName,
                                                @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        DiscontinuationReport report = discontinuing.apply(body, charset(charset, contentType), fileName);
        return ResponseEntity.created(URI.create("/api/discontinuations/" + report.listId())).body(report);
    }

    @Operation(summary = "List the applied discontinuation lists",
            description = "The newest first: who applied which file when, its rows and products, how many it discontinued and how many cases it opened.")
    @GetMapping
    List<DiscontinuationList> list(@RequestParam(defaultValue = "50") int limit) {
        return lists.latest(limit);
    }

    @Operation(summary = "Read an applied discontinuation list", description = "The record with each of its rows and the product it named.")
    @GetMapping("/{id}")
    DiscontinuationList get(@PathVariable String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("No discontinuation list " + DiscontinuationCsv.shortened(id) + ".");
        }
        return lists.get(number);
    }

    /** {@code ?charset=} first, then the Content-Type's charset parameter; neither: UTF-8. */
    static String charset(String parameter, String contentType) {
        if (parameter != null && !parameter.isBlank()) return parameter;
        if (contentType == null) return null;
        try {
            return MediaType.parseMediaType(contentType).getParameter("charset");
        } catch (RuntimeException unparsable) {
            return null;
        }
    }
}
