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
    @PostMapping("/webhooks")
    ResponseEntity<Webhook> register(@PathVariable String code, @RequestBody WebhookIn in) {
        Webhook created = webhooks.register(code, in.url(), in.secret());
        return ResponseEntity.created(URI.create("/api/channels/" + code + "/webhooks/" + created.id())).body(created);
    }

    @GetMapping("/webhooks")
    List<Webhook> list(@PathVariable String code) {
        return webhooks.list(code);
    }

    @GetMapping("/webhooks/{id}")
    Webhook get(@PathVariable String code, @PathVariable UUID id) {
        return webhooks.get(code, id);
    }

    /** A disabled endpoint receives again, from its cursor. */
    @Requires(Authority.ADMINISTER)
    @PostMapping("/webhooks/{id}/enable")
    Webhook enable(@PathVariable String code, @PathVariable UUID id) {
        return webhooks.enable(code, id);
    }

    /** @param overlap ISO-8601 duration the replaced secret keeps signing (default PT24H, at most P7D) */
    record SecretIn(String secret, String overlap) {
    }

    @Requires(Authority.ADMINISTER)
    @PostMapping("/webhooks/{id}/secret")
    Webhook rotateSecret(@PathVariable String code, @PathVariable UUID id, @RequestBody SecretIn in) {
        return webhooks.rotateSecret(code, id, in.secret(), in.overlap());
    }

    @Requires(Authority.ADMINISTER)
    @DeleteMapping("/webhooks/{id}")
    ResponseEntity<Void> delete(@PathVariable String code, @PathVariable UUID id) {
        webhooks.delete(code, id);
        return ResponseEntity.noContent().build();
    }
}
