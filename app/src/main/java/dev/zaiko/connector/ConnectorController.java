package dev.zaiko.connector;

import java.util.List;
import java.util.Map;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A channel's connector to its platform: account, SKU mapping, connection test, drift. */
@RestController
@RequestMapping("/api/channels/{code}/connector")
class ConnectorController {

    private final ConnectorAccounts accounts;
    private final ItemMappings mappings;
    private final FindingDrift drift;

    private final PushingInBulk bulk;
    private final MatchingPlatformItems matching;

    ConnectorController(ConnectorAccounts accounts, ItemMappings mappings, FindingDrift drift, PushingInBulk bulk,
                        MatchingPlatformItems matching) {
        this.bulk = bulk;
        this.matching = matching;
        this.accounts = accounts;
        this.mappings = mappings;
        this.drift = drift;
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Connect a channel to its platform",
            description = "Sets the channel's platform (AMAZON, RAKUTEN, YAHOO, SHOPIFY, SMAREGI), the sandbox switch, an optional base URL (an allowed outbound target), settings and credentials. Credentials are write-only and stored encrypted: a name with a value sets it, with null or \"\" removes it, a name left out stays. The answer names the credentials that are set, never their values. The channel is then pushed through the platform's API within its documented limits.")
    @PutMapping
    ConnectorAccounts.ConnectorView set(@PathVariable String code, @RequestBody ConnectorAccounts.AccountIn in) {
        return accounts.set(code, in);
    }

    @Operation(summary = "Read a channel's connector",
            description = "Platform, sandbox, base URL, settings, the names of the credentials that are set, the platform's limits and the connector's health (last success, last error, queue, current rate, open drift).")
    @GetMapping
    ConnectorAccounts.ConnectorView get(@PathVariable String code) {
        return accounts.view(code);
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Disconnect a channel from its platform",
            description = "Removes the account, its credentials and tokens; the channel is no longer pushed to the platform. The SKU mapping and the drift report stay.")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String code) {
        accounts.delete(code);
        return ResponseEntity.noContent().build();
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Test a channel's connection",
            description = "One cheap authenticated call to the platform with the channel's account: whether it worked, in the platform's words. The outcome is also the connector's health.")
    @PostMapping("/test")
    PlatformClient.ConnectionCheck test(@PathVariable String code) {
        return accounts.test(code);
    }

    record IdentifiersIn(Map<String, String> identifiers) {
    }

    @Operation(summary = "Map a SKU to the platform's identifiers",
            description = "The platform's identifiers of one Zaiko SKU on this channel (e.g. sellerSku; manageNumber and variantId; itemCode; inventoryItemId; productId). A SKU without a mapping is not pushed.")
    @PutMapping("/items/{sku}")
    ItemMappings.Item map(@PathVariable String code, @PathVariable String sku, @RequestBody IdentifiersIn in) {
        return mappings.set(code, sku, in == null ? null : in.identifiers());
    }

    @Operation(summary = "Import a SKU mapping from CSV",
            description = "UTF-8 CSV with the header sku followed by the platform's identifier names (e.g. sku,manageNumber,variantId), one SKU a row. All rows or none: when any row is refused the answer is 400 with every row's report (rows) and nothing is stored.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string", example = "sku,manageNumber,variantId\nTENT-1,tent-1,v1")))
    @PostMapping(path = "/items", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    ItemMappings.ImportReport importCsv(@PathVariable String code, @RequestBody(required = false) byte[] body) {
        return mappings.importCsv(code, body);
    }

    @Operation(summary = "Match a platform's item list to Zaiko's SKUs",
            description = "Takes the platform's own item export as CSV (UTF-8; Shift_JIS with Content-Type: text/csv; charset=Shift_JIS; a UTF-8 byte order mark means UTF-8) and matches each row to a Zaiko SKU: by its JAN code (column jan, or the one janColumn names) against the catalog's JAN, else by its seller SKU on the platform (column sku, or skuColumn) equal to a Zaiko SKU. The identifiers kept for the mapping are the columns identifier names (name, or name:column to store a column under another name), by default every column but the JAN column and one named sku. Each row is answered MATCHED (by JAN or SKU), UNMATCHED, AMBIGUOUS (JAN and SKU name different products; two rows for one SKU or one platform item), CONFLICT (the SKU is mapped to other identifiers, or these identifiers to another SKU) or INVALID (no identifier), with the reason. Without apply nothing is stored (a preview). With apply=true the MATCHED rows are stored as the mapping, all of them or none; CONFLICT rows only with overwrite=true (then another SKU holding the same identifiers loses its mapping).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string", example = "manageNumber,variantId,sku,jan\ntent-1,v1,TENT-1,4901234567894")))
    @PostMapping(path = "/items/match", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    MatchingPlatformItems.Result match(@PathVariable String code, @RequestBody(required = false) byte[] body,
                                       @RequestHeader(value = "Content-Type", required = false) String contentType,
                                       @RequestParam(required = false) String skuColumn,
                                       @RequestParam(required = false) String janColumn,
                                       @RequestParam(required = false) List<String> identifier,
                                       @RequestParam(defaultValue = "false") boolean apply,
                                       @RequestParam(defaultValue = "false") boolean overwrite) {
        String charset = null;
        try {
            charset = contentType == null ? null : MediaType.parseMediaType(contentType).getParameter("charset");
        } catch (InvalidMediaTypeException e) {
            // Spring matched it against consumes already; an unreadable parameter means no charset
        }
        return matching.match(code, body, MatchingPlatformItems.charset(charset),
                new MatchingPlatformItems.Columns(skuColumn, janColumn, identifier), apply, overwrite);
    }

    @Operation(summary = "List a channel's SKU mapping",
            description = "Every mapped SKU with the platform's identifiers, by SKU.")
    @GetMapping("/items")
    List<ItemMappings.Item> items(@PathVariable String code) {
        return mappings.list(code);
    }

    @Operation(summary = "Read a channel's drift report",
            description = "Drift found by reading back what the platform shows, newest first: the SKU, what the platform showed, Zaiko's value, when it was found, how old Zaiko's value was then, the channel's last push before, and when the correction was taken by the platform.")
    @GetMapping("/drift")
    List<FindingDrift.Drift> drift(@PathVariable String code, @RequestParam(defaultValue = "200") int limit) {
        return drift.report(code, limit);
    }

    @Operation(summary = "Check a channel for drift now",
            description = "Reads back what the platform shows for every mapped SKU already pushed, records each difference and corrects it through the channel's sender. A platform without a read-back gets every mapped SKU pushed again.")
    @PostMapping("/drift-check")
    FindingDrift.Check driftCheck(@PathVariable String code) {
        return drift.check(code);
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Push every mapped SKU to the platform now",
            description = "Sends every mapped SKU's current value (the channel feed's, 0 at or below the safety floor) to the platform: in bulk where the platform has a bulk path (Amazon's JSON_LISTINGS_FEED, followed until the platform has processed it; rejected SKUs and SKUs changed meanwhile go through the channel's sender again), else every SKU through the channel's sender within the platform's rate. Answers at once with how many SKUs and how (BULK with the bulk pushes, or QUEUED).")
    @ApiResponse(responseCode = "202", description = "Submitted or queued; the bulk pushes show in the connector's answer.")
    @PostMapping("/full-push")
    ResponseEntity<PushingInBulk.FullPush> fullPush(@PathVariable String code) {
        return ResponseEntity.accepted().body(bulk.fullPush(code));
    }
}
