package dev.zaiko.marketplace;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** The inventory update file of a channel, for the shop to upload to its marketplace. */
@RestController
@RequestMapping("/api/channels/{code}/files")
class InventoryFileController {

    private final InventoryFiles files;

    InventoryFileController(InventoryFiles files) {
        this.files = files;
    }

    /**
     * 200 with the file ({@code ?format=AMAZON|RAKUTEN|YAHOO}; without it, the marketplace the
     * channel's code names); 400 for an unknown format or a code that names none; 404 unknown channel.
     */
    @Operation(summary = "Download a channel's marketplace inventory file",
            description = "The file the shop uploads to its marketplace, written now from the channel's available-to-sell: Amazon Inventory Loader (tab-separated UTF-8), Rakuten item CSV or Yahoo! Shopping stock CSV (Shift_JIS). format is AMAZON, RAKUTEN or YAHOO; without it, the marketplace the channel's code names. handlingTime (0 to 30 days) goes into the Amazon file.")
    @ApiResponse(responseCode = "200", description = "The file as an attachment, in the marketplace's format and charset.", content = {
            @Content(mediaType = "text/tab-separated-values", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))})
    @GetMapping("/inventory")
    ResponseEntity<byte[]> inventory(@PathVariable String code, @RequestParam(required = false) String format,
                                     @RequestParam(required = false) @Min(0) @Max(30) Integer handlingTime) {
        MarketplaceFormat chosen = null;
        if (format != null) {
            chosen = MarketplaceFormat.parse(format).orElseThrow(() -> new InvalidRequestException(
                    "unknown-marketplace-format", "format must be AMAZON, RAKUTEN or YAHOO, got '" + format + "'.",
                    Map.of("formats", List.of("AMAZON", "RAKUTEN", "YAHOO"))));
        }
        InventoryFiles.InventoryFile file = files.inventory(code, chosen, handlingTime);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, file.format().contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.filename(), StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.content());
    }
}
