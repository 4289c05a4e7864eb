package dev.zaiko.channel;

import dev.zaiko.platform.Authority;
import dev.zaiko.platform.Requires;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** A channel's change feed and its webhook endpoints. */
@RestController
@RequestMapping("/api/channels/{code}")
class ChannelSyncController {

    private static final java.util.regex.Pattern WAIT = java.util.regex.Pattern.compile("^(\\d{1,6})(ms|s)?$");

    private final ReadingFeeds feeds;
    private final Webhooks webhooks;

    ChannelSyncController(ReadingFeeds feeds, Webhooks webhooks) {
        this.feeds = feeds;
        this.webhooks = webhooks;
    }

    /** @param next the cursor for the next call: the last entry's seq, or {@code after} when there was none */
    record FeedPage(String channel, List<FeedEntry> entries, long next) {
    }

    @Operation(summary = "Read a channel's stock feed",
            description = "The latest available-to-sell and display level per SKU on the channel, as entries with a sequence number after the cursor `after` (limit entries). A burst of changes to one SKU is one entry. Pass the answer's `next` as `after` on the next call; with `wait` (e.g. 5s, at most 30s) the call waits for a new entry when there is none (long polling).")
    @GetMapping("/feed")
    FeedPage feed(@PathVariable String code, @RequestParam(defaultValue = "0") long after,
                  @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String wait) {
        List<FeedEntry> entries = feeds.after(code, after, limit, parseWait(wait));
        long next = entries.isEmpty() ? after : entries.get(entries.size() - 1).seq();
        return new FeedPage(code, entries, next);
    }

    static Duration parseWait(String wait) {
        if (wait == null || wait.isBlank()) return Duration.ZERO;
        Matcher m = WAIT.matcher(wait.strip());
        if (!m.matches()) {
            throw new InvalidRequestException("wait must be a duration such as 5s or 500ms (at most "
                    + ReadingFeeds.MAX_WAIT.toSeconds() + "s).");
        }
        long n = Long.parseLong(m.group(1));
        return "ms".equals(m.group(2)) ? Duration.ofMillis(n) : Duration.ofSeconds(n);
    }

    record WebhookIn(String url, String secret) {
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Register a webhook endpoint",
            description = "The channel's feed entries are delivered to the URL, signed with the secret (HMAC-SHA256 in the Zaiko-Signature header), in order per SKU, retried with a doubling wait; an endpoint that keeps failing is disabled. The URL must be an allowed outbound target.")
    @ApiResponse(responseCode = "201", description = "The webhook; Location names it.")
    @PostMapping("/webhooks")
    ResponseEntity<Webhook> register(@PathVariable String code, @RequestBody WebhookIn in) {
        Webhook created = webhooks.register(code, in.url(), in.secret());
        return ResponseEntity.created(URI.create("/api/channels/" + code + "/webhooks/" + created.id())).body(created);
    }

    @Operation(summary = "List a channel's webhook endpoints")
    @GetMapping("/webhooks")
    List<Webhook> list(@PathVariable String code) {
        return webhooks.list(code);
    }

    @Operation(summary = "Read a webhook endpoint",
            description = "Its URL, cursor, last delivery and last error; never its secret.")
    @GetMapping("/webhooks/{id}")
    Webhook get(@PathVariable String code, @PathVariable UUID id) {
        return webhooks.get(code, id);
    }

    /** A disabled endpoint receives again, from its cursor. */
    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Enable a webhook endpoint again",
            description = "A disabled endpoint receives again, from its cursor.")
    @PostMapping("/webhooks/{id}/enable")
    Webhook enable(@PathVariable String code, @PathVariable UUID id) {
        return webhooks.enable(code, id);
    }

    /** @param overlap ISO-8601 duration the replaced secret keeps signing (default PT24H, at most P7D) */
    record SecretIn(String secret, String overlap) {
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Rotate a webhook's secret",
            description = "Deliveries are signed with the new secret; the replaced secret keeps signing as well for the overlap (ISO-8601, default PT24H, at most P7D), so the receiver can switch without losing deliveries.")
    @PostMapping("/webhooks/{id}/secret")
    Webhook rotateSecret(@PathVariable String code, @PathVariable UUID id, @RequestBody SecretIn in) {
        return webhooks.rotateSecret(code, id, in.secret(), in.overlap());
    }

    @Requires(Authority.ADMINISTER)
    @Operation(summary = "Remove a webhook endpoint")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @DeleteMapping("/webhooks/{id}")
    ResponseEntity<Void> delete(@PathVariable String code, @PathVariable UUID id) {
        webhooks.delete(code, id);
        return ResponseEntity.noContent().build();
    }
}
