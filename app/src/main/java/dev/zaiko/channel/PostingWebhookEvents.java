package dev.zaiko.channel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.outbound.OutboundHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event for the shop's app (not a feed value), posted to every ACTIVE webhook endpoint of a
 * channel, signed like a feed delivery ({@link WebhookSignature}, the endpoint's secret and, while a
 * rotation overlaps, the replaced one). The body is
 * {@code {"type", "eventId", "channel", "occurredAt", "data": {...}}}; the header {@code Zaiko-Event}
 * carries the type. Events do not move an endpoint's feed cursor nor count as its failures: the
 * caller keeps the event and posts it again until every endpoint took it, so an endpoint may get an
 * event more than once and tells repeats apart by {@code eventId}. See docs/channel-sync.md,
 * "Events for the shop's app".
 */
@Component
public class PostingWebhookEvents {

    private static final Logger log = LoggerFactory.getLogger(PostingWebhookEvents.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;
    private final OutboundHttp http;
    private final ChannelSyncProperties properties;
    private final Clock clock;

    PostingWebhookEvents(JdbcTemplate jdbc, SecretBox secrets, OutboundHttp http, ChannelSyncProperties properties,
                         Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    /** @param endpoints the channel's ACTIVE endpoints; @param took how many answered 2xx */
    public record Posted(int endpoints, int took) {
        public boolean everyoneTook() {
            return took == endpoints;
        }
    }

    /**
     * Posts the event now to each ACTIVE endpoint of the channel (none: nothing to do). Never throws
     * for an endpoint's failure; the answer says how many took it.
     */
    public Posted post(String channel, String type, String eventId, Instant occurredAt, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("eventId", eventId);
        body.put("channel", channel);
        body.put("occurredAt", occurredAt.toString());
        body.put("data", data);
        String text = JSON.writeValueAsString(body);
        record Target(UUID id, String url, String secret, String previous) {
        }
        Instant now = clock.instant();
        List<Target> targets = jdbc.query("""
                        select id, url, secret, case when previous_secret_until > ? then previous_secret end
                        from channel_webhook where channel = ? and status = 'ACTIVE' order by created_at, id
                        """,
                (rs, i) -> new Target(rs.getObject(1, UUID.class), rs.getString(2),
                        secrets.open(rs.getString(3), Webhooks.TABLE, "secret"),
                        rs.getString(4) == null ? null : secrets.open(rs.getString(4), Webhooks.TABLE, "previous_secret")),
                java.sql.Timestamp.from(now), channel);
        int took = 0;
        for (Target t : targets) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Zaiko-Webhooks/1");
            headers.put("Zaiko-Delivery", UUID.randomUUID().toString());
            headers.put("Zaiko-Event", type);
            headers.put(WebhookSignature.HEADER, WebhookSignature.header(t.secret(), t.previous(), now.getEpochSecond(),
                    text));
            try {
                OutboundHttp.Response answer = http.post(URI.create(t.url()), headers,
                        text.getBytes(StandardCharsets.UTF_8), properties.connectTimeout(), properties.requestTimeout());
                if (answer.status() / 100 == 2) {
                    took++;
                } else {
                    log.info("Webhook {} on channel {} did not take event {} ({}): HTTP {}", t.id(), channel, eventId,
                            type, answer.status());
                }
            } catch (java.io.IOException | RuntimeException e) {
                // never the message: it may quote the URL
                log.info("Webhook {} on channel {} did not take event {} ({}): {}", t.id(), channel, eventId, type,
                        e.getClass().getSimpleName());
            }
        }
        return new Posted(targets.size(), took);
    }
}
