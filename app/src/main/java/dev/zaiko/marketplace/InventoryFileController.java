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
