package dev.zaiko.channel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zaiko.platform.RetryAfter;
import dev.zaiko.platform.SecretBox;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundRefusedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes each endpoint's channel feed to it. A dispatcher thread, woken when the feed writer wrote
 * entries (and every {@link ChannelSyncProperties#poll}), finds endpoints with entries after their
 * cursor that are due and not taken, claims each with a conditional update (a lease, so that one
 * instance at a time delivers to an endpoint, and another takes over if this one dies), and hands
 * it to a worker of its own: a slow or dead endpoint holds only its own worker.
 * <p>
 * A worker posts the entries after the cursor (up to {@link ChannelSyncProperties#batch}, each SKU
 * once at its latest value), and on a 2xx answer moves the cursor to the last seq delivered and goes
 * on. Any other answer, or none within the timeout, keeps the cursor and sets the next attempt after
 * a doubling wait; the retry reads the feed again, so it carries the latest values: a SKU's newer
 * value has a higher seq than any value delivered before, and an older value is never sent after it.
 * A 429 or 503 answer with {@code Retry-After} waits what the receiver asked for (capped) instead.
 * <p>
 * A claim is a short lease ({@link ChannelSyncProperties#lease}) in the name of this instance,
 * renewed by a heartbeat while a worker delivers: after a crash another instance resumes within one
 * lease ({@link DatabaseLease}, shared with the marketplace adapters). An endpoint that failed for {@link ChannelSyncProperties#disableAfter} and at least
 * {@link ChannelSyncProperties#disableAfterFailures} attempts without a success is disabled
 * ({@link WebhookDisabled}) and left alone until enabled again.
 */
@Component
class DeliveringWebhooks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveringWebhooks.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DUE_PER_LOOK = 200;

    private final JdbcTemplate jdbc;
    private final SecretBox secrets;
    private final ReadingFeeds feeds;
    private final ChannelSyncProperties properties;
    private final Clock clock;
    private final Timer propagation;
    private final OutboundHttp http;
    private final Signal wake = new Signal();
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    /**
     * One lease per endpoint, in this instance's name (a random one: a restarted instance is another
     * holder, whose old claims simply run out).
     */
    private final DatabaseLease leases;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private volatile boolean running;
    private Thread dispatcher;
    private ThreadPoolExecutor workers;

    DeliveringWebhooks(JdbcTemplate jdbc, FeedWriter writer, ReadingFeeds feeds, ChannelSyncProperties properties,
                       Clock clock, MeterRegistry meters, PlatformTransactionManager transactions,
                       ApplicationEventPublisher events, SecretBox secrets, OutboundHttp http) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.feeds = feeds;
        this.properties = properties;
        this.clock = clock;
        this.propagation = Timer.builder("zaiko.channel.propagation").tag("stage", "webhook")
                .description("From a channel feed entry to an endpoint's 2xx answer").register(meters);
        this.http = http;
        this.leases = new DatabaseLease(jdbc, clock, TABLE, properties.lease(), UUID.randomUUID());
        writer.onWritten(wake::raise);
    }

    void wake() {
        wake.raise();
    }

    private void dispatch() {
        while (running) {
            try {
                wake.await(untilNextRetry());
                if (!running) return;
                Timestamp now = Timestamp.from(clock.instant());
                List<UUID> due = jdbc.queryForList("""
                        select w.id from channel_webhook w
                        where w.status = 'ACTIVE' and (w.next_attempt_at is null or w.next_attempt_at <= ?)
                          and """ + leases.free("w") + """
                          and exists (select 1 from channel_feed f where f.channel = w.channel and f.seq > w.cursor)
                        order by w.next_attempt_at nulls first limit ?
                        """, UUID.class, now, now, DUE_PER_LOOK);
                for (UUID id : due) {
                    if (!inFlight.add(id)) continue;
                    if (!claim(id)) {
                        inFlight.remove(id);
                        continue;
                    }
                    try {
                        workers.execute(() -> deliver(id));
                    } catch (RejectedExecutionException e) {
                        release(id); // every worker busy: the next look takes it
                        inFlight.remove(id);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Webhook dispatch failed, the next look tries again: {}", e.toString());
            }
        }
    }

    /** How long to wait for a wake-up: the poll interval, or less when a retry falls due sooner. */
    private long untilNextRetry() {
        long poll = properties.poll().toMillis();
        Timestamp next;
        try {
            next = jdbc.queryForObject("select min(next_attempt_at) from channel_webhook where status = 'ACTIVE' and next_attempt_at > ?",
                    Timestamp.class, Timestamp.from(clock.instant()));
        } catch (RuntimeException e) {
            return poll; // the database away: the look after the wait reports it
        }
        if (next == null) return poll;
        long millis = Duration.between(clock.instant(), next.toInstant()).toMillis() + 1;
        return Math.max(1, Math.min(poll, millis));
    }

    /** Where an endpoint's lease lives: {@code claimed_by} until {@code claimed_until}. */
    static final DatabaseLease.Table TABLE = new DatabaseLease.Table("channel_webhook", "id", "uuid", "claimed_by",
            "claimed_until");

    /** Takes the endpoint for this instance unless another holds a lease that has not run out. */
    boolean claim(UUID id) {
        return leases.acquire(id, "status = 'ACTIVE'");
    }

    private void release(UUID id) {
        leases.release(id);
    }

    /** Renews the leases of the endpoints this instance's workers hold; a claim taken over meanwhile stays lost. */
    private void renewLeases() {
        leases.renew(List.copyOf(inFlight));
    }

    record Endpoint(UUID id, String channel, String url, String status, String secret, String previousSecret,
                    Instant previousSecretUntil, long cursor, int failures, Instant failingSince, Instant createdAt) {
        String host() {
            return URI.create(url).getHost();
        }

        /** The replaced secret while its overlap lasts, else null. */
        String overlappingSecret(Instant now) {
            return previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)
                    ? previousSecret : null;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private void deliver(UUID id) {
        try {
            while (running) {
                Endpoint endpoint = jdbc.query("""
                                select id, channel, url, status, secret, previous_secret, previous_secret_until, cursor,
                                       failures, failing_since, created_at
                                from channel_webhook where id = ?""",
                        (rs, i) -> new Endpoint(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4), secrets.open(rs.getString(5), Webhooks.TABLE, "secret"),
                                secrets.open(rs.getString(6), Webhooks.TABLE, "previous_secret"),
                                instant(rs.getTimestamp(7)),
                                rs.getLong(8), rs.getInt(9), instant(rs.getTimestamp(10)), rs.getTimestamp(11).toInstant()),
                        id).stream().findFirst().orElse(null);
                if (endpoint == null || !Webhook.ACTIVE.equals(endpoint.status())) return; // deleted or disabled meanwhile
                List<FeedEntry> entries = feeds.read(endpoint.channel(), endpoint.cursor(), properties.batch());
                if (entries.isEmpty()) return;
                if (!post(endpoint, entries)) return;
            }
        } catch (RuntimeException e) {
            log.warn("Delivering to webhook {} failed: {}", id, e.toString());
        } finally {
            try {
                release(id);
            } catch (RuntimeException e) {
                log.warn("Could not release webhook {}; its lease runs out by itself: {}", id, e.toString());
            }
            inFlight.remove(id);
            wake.raise(); // entries may have come while this endpoint was taken
        }
    }

    /** One delivery; true when the endpoint took it. */
    private boolean post(Endpoint endpoint, List<FeedEntry> entries) {
        String deliveryId = UUID.randomUUID().toString();
        String body = body(endpoint.channel(), deliveryId, entries);
        Instant now = clock.instant();
        long t = now.getEpochSecond();
        String problem;
        Duration asked = null;
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Zaiko-Webhooks/1");
            headers.put("Zaiko-Delivery", deliveryId);
            headers.put(WebhookSignature.HEADER, WebhookSignature.header(endpoint.secret(),
                    endpoint.overlappingSecret(now), t, body));
            // resolves the host now and connects to what it checked: a name that has come to point at a
            // forbidden address since it was registered gets nothing
            OutboundHttp.Response response = http.post(URI.create(endpoint.url()), headers,
                    body.getBytes(StandardCharsets.UTF_8), properties.connectTimeout(), properties.requestTimeout());
            if (response.status() / 100 == 2) {
                delivered(endpoint, entries);
                return true;
            }
            problem = "HTTP " + response.status();
            if (response.status() == 429 || response.status() == 503) {
                asked = response.header("Retry-After").flatMap(v -> RetryAfter.parse(v, clock.instant())).orElse(null);
            }
        } catch (OutboundRefusedException e) {
            problem = e.getMessage(); // says why, never quotes the URL
            log.warn("Webhook {} on channel {} (host {}) not called: it resolves to {} ({}), not allowed",
                    endpoint.id(), endpoint.channel(), endpoint.host(),
                    e.address() == null ? "-" : e.address().getHostAddress(), e.kind());
        } catch (java.io.IOException | RuntimeException e) {
            problem = e.getClass().getSimpleName(); // never the message: it may quote the URL
        }
        failed(endpoint, problem, asked);
        return false;
    }

    private void delivered(Endpoint endpoint, List<FeedEntry> entries) {
        Instant now = clock.instant();
        long last = entries.get(entries.size() - 1).seq();
        jdbc.update("""
                update channel_webhook set cursor = greatest(cursor, ?), failures = 0, failing_since = null,
                    next_attempt_at = null, last_error = null, last_delivered_at = ?, """ + leases.renewing() + """
                where id = ?
                """, last, Timestamp.from(now), Timestamp.from(leases.until()), endpoint.id());
        for (FeedEntry e : entries) {
            // what a new endpoint catches up on is not a propagation delay
            if (e.changedAt().isBefore(endpoint.createdAt())) continue;
            Duration delay = Duration.between(e.changedAt(), now);
            if (!delay.isNegative()) propagation.record(delay);
        }
    }

    /** @param asked the wait the receiver asked for ({@code Retry-After}), else null */
    private void failed(Endpoint endpoint, String problem, Duration asked) {
        // what the database keeps, so that the event says the same instant as the endpoint
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        int failures = endpoint.failures() + 1;
        Instant failingSince = endpoint.failingSince() == null ? now : endpoint.failingSince();
        // both must be reached: a burst of quick retries is not "dead", nor is one failure long ago
        if (failures >= properties.disableAfterFailures()
                && !now.isBefore(failingSince.plus(properties.disableAfter()))) {
            disable(endpoint, problem, failures, failingSince, now);
            return;
        }
        Duration wait = asked == null ? properties.retryAfter(failures) : properties.askedWait(asked);
        Instant next = now.plus(wait);
        jdbc.update("""
                update channel_webhook set failures = ?, failing_since = ?, next_attempt_at = ?, last_error = ?,
                    """ + leases.releasing() + """
                where id = ?
                """, failures, Timestamp.from(failingSince), Timestamp.from(next), problem, endpoint.id());
        log.info("Webhook {} on channel {} (host {}) failed ({}), attempt {}; next in {}{}", endpoint.id(),
                endpoint.channel(), endpoint.host(), problem, failures, wait, asked == null ? "" : " (Retry-After)");
    }

    private void disable(Endpoint endpoint, String problem, int failures, Instant failingSince, Instant now) {
        String reason = "No successful delivery in " + failures + " attempts since " + failingSince
                + "; the last failed with " + problem + ".";
        tx.executeWithoutResult(status -> {
            jdbc.update("""
                    update channel_webhook set status = 'DISABLED', failures = ?, failing_since = ?, next_attempt_at = null,
                        last_error = ?, disabled_at = ?, disabled_reason = ?, """ + leases.releasing() + """
                    where id = ?
                    """, failures, Timestamp.from(failingSince), problem, Timestamp.from(now), reason, endpoint.id());
            events.publishEvent(new WebhookDisabled(endpoint.id(), endpoint.channel(), reason, now));
        });
        log.warn("Webhook {} on channel {} (host {}) disabled: {} Enable it again once the receiver works.",
                endpoint.id(), endpoint.channel(), endpoint.host(), reason);
    }

    static String body(String channel, String deliveryId, List<FeedEntry> entries) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("deliveryId", deliveryId);
        List<Map<String, Object>> list = new ArrayList<>();
        for (FeedEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sku", e.sku());
            m.put("channel", e.channel());
            m.put("ats", e.ats());
            m.put("level", e.level());
            m.put("seq", e.seq());
            m.put("changedAt", e.changedAt().toString());
            list.add(m);
        }
        body.put("deliveries", list);
        return JSON.writeValueAsString(body);
    }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(0, properties.workers(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "zaiko-webhook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        dispatcher = new Thread(this::dispatch, "zaiko-webhook-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
        leases.startHeartbeat("zaiko-webhook-heartbeat", properties.heartbeat(), this::renewLeases);
        wake.raise();
    }

    @Override
    public synchronized void stop() {
        if (!running) return;
        running = false;
        wake.raise();
        workers.shutdown();
        leases.stopHeartbeat(properties.requestTimeout());
        try {
            dispatcher.join(properties.requestTimeout().toMillis());
            workers.awaitTermination(properties.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the feed writer, the database and the job scheduler. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 128;
    }
}
