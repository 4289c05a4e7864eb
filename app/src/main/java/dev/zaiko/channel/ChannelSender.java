package dev.zaiko.channel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.platform.RetryAfter;
import dev.zaiko.platform.outbound.OutboundRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pushes one channel's feed through its marketplace adapter, on a thread of its own so that a slow
 * marketplace slows no other. It reads every feed entry after its cursor into a queue (one per SKU,
 * the latest), and before each push orders the queue by {@link OversellRisk}: SKUs at the safety
 * floor go first as 0 (at once, not waiting for the rate limit, where the marketplace tolerates the
 * bucket's debt; else at the next token), then the fast sellers with little left, then the rest by
 * sequence. Otherwise it waits for a token of the channel's {@link TokenBucket} (the marketplace's
 * rate and burst, refilled from the end of each request),
 * woken early when the feed writer wrote, so a SKU reaching the floor meanwhile is not held up.
 * A failed push keeps its SKUs queued and waits the doubling retry wait of the webhooks; a push the
 * marketplace throttled with a {@code Retry-After} waits what that says, and is no failure.
 * <p>
 * Runs only while its {@link AdapterNode} holds the channel's lease: it pushes only before the lease
 * it was last given runs out, and every row it writes is conditional on this node still holding the
 * lease. Finding another holder there stops it at once.
 */
final class ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(ChannelSender.class);
    private static final int READ = 1000;

    private final String channel;
    private final AdapterNode.Settings settings;
    private final MarketplaceAdapter adapter;
    private final JdbcTemplate jdbc;
    private final AdapterNode.FeedSource feeds;
    private final ChannelSyncProperties properties;
    private final Clock clock;
    private final String node;
    private final AdapterMetrics metrics;
    private final OversellRisk risk;
    private final TokenBucket bucket;
    private final Signal wake = new Signal();
    private final Map<String, FeedEntry> pending = new LinkedHashMap<>();
    /** When each pending SKU began to wait: its first change since its last push. */
    private final Map<String, Instant> waitingSince = new java.util.HashMap<>();
    /** SKUs read since the adapter was last asked whether it can send them. */
    private final java.util.Set<String> unchecked = new java.util.LinkedHashSet<>();
    private volatile int queued;
    private volatile Instant heldUntil;
    private volatile long rounds;
    private long readCursor;
    private int failures;
    private Instant nextAttempt;
    private volatile boolean running;
    private Thread thread;

    ChannelSender(String channel, AdapterNode.Settings settings, MarketplaceAdapter adapter, long cursor,
                  Instant heldUntil, JdbcTemplate jdbc, AdapterNode.FeedSource feeds,
                  ChannelSyncProperties properties, Clock clock, String node, AdapterMetrics metrics) {
        this.channel = channel;
        this.settings = settings;
        this.adapter = adapter;
        this.jdbc = jdbc;
        this.feeds = feeds;
        this.properties = properties;
        this.clock = clock;
        this.node = node;
        this.metrics = metrics;
        this.risk = new OversellRisk(settings.safetyFloor());
        this.bucket = new TokenBucket(adapter.requestsPerSecond(), adapter.burst(), adapter.toleratesDebt(),
                clock.instant());
        this.readCursor = cursor;
        this.heldUntil = heldUntil;
    }

    AdapterNode.Settings settings() {
        return settings;
    }

    void wake() {
        wake.raise();
    }

    int queued() {
        return queued;
    }

    /** Times the loop looked at its queue: a test waits for another look before it says "nothing happened". */
    long rounds() {
        return rounds;
    }

    /** The lease was renewed: pushing may go on until then. */
    void heldUntil(Instant until) {
        heldUntil = until;
        wake.raise();
    }

    boolean alive() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "zaiko-adapter-" + channel);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        wake.raise();
    }

    void join(long millis) throws InterruptedException {
        Thread t = thread;
        if (t != null) t.join(millis);
    }

    private void loop() {
        long poll = properties.poll().toMillis();
        boolean loaded = false;
        while (running) {
            try {
                if (!loaded) {
                    loadSpeeds();
                    loaded = true;
                }
                read();
                dropUnsendable();
                rounds++;
                if (pending.isEmpty()) {
                    wake.await(poll);
                    continue;
                }
                Instant now = clock.instant();
                if (!now.isBefore(heldUntil)) {
                    wake.await(poll); // the lease ran out unrenewed: another node may push now
                    continue;
                }
                if (nextAttempt != null && now.isBefore(nextAttempt)) {
                    wake.await(Math.max(1, Math.min(poll, Duration.between(now, nextAttempt).toMillis())));
                    continue;
                }
                List<OversellRisk.Queued> order = risk.order(pending.values(), now, waitingSince::get);
                boolean urgent = order.get(0).atFloor();
                long wait = urgent && bucket.debtAllowed() ? 0 : bucket.millisUntilToken(now);
                if (wait > 0) {
                    wake.await(wait); // or earlier, when the feed changed: the order may have too
                    continue;
                }
                if (!running) return;
                bucket.take(now);
                push(order.subList(0, Math.min(adapter.maxBatch(), order.size())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Adapter of channel {} failed, it tries again: {}", channel, e.toString());
                try {
                    wake.await(poll);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What the channel's earlier senders (on any node) learnt about sales speeds. */
    private void loadSpeeds() {
        jdbc.query("select sku, per_hour, last_ats, observed_at from channel_sales_speed where channel = ?",
                rs -> {
                    risk.learnt(rs.getString(1), new OversellRisk.Learnt(rs.getDouble(2), rs.getInt(3),
                            rs.getTimestamp(4).toInstant()));
                }, channel);
    }

    /** Reads every feed entry after the cursor into the queue, learning the sales speed from it. */
    private void read() {
        while (true) {
            List<FeedEntry> entries = feeds.read(channel, readCursor, READ);
            for (FeedEntry e : entries) {
                risk.seen(e.sku(), e.ats(), e.changedAt());
                pending.remove(e.sku()); // a newer value goes to the end, in sequence
                pending.put(e.sku(), e);
                waitingSince.putIfAbsent(e.sku(), clock.instant());
                unchecked.add(e.sku());
                readCursor = e.seq();
            }
            queued = pending.size();
            storeSpeeds();
            if (entries.size() < READ) return;
        }
    }

    /**
     * Drops the SKUs read since the last look that the adapter cannot send (see {@link
     * MarketplaceAdapter#cannotSend}): no request, no token of the rate, and they count as done for the
     * cursor. When the adapter cannot say (its answer failed), every SKU stays and is pushed as before.
     */
    private void dropUnsendable() {
        if (unchecked.isEmpty()) return;
        java.util.Set<String> cannot;
        try {
            cannot = adapter.cannotSend(List.copyOf(unchecked));
        } catch (RuntimeException e) {
            log.warn("Adapter of channel {} could not say which SKUs it sends; all are pushed: {}", channel,
                    e.toString());
            unchecked.clear();
            return;
        }
        unchecked.clear();
        int dropped = 0;
        for (String sku : cannot) {
            if (pending.remove(sku) != null) {
                waitingSince.remove(sku);
                dropped++;
            }
        }
        if (dropped == 0) return;
        queued = pending.size();
        metrics.dropped(channel, dropped);
        log.debug("Channel {}: {} SKUs dropped without a request (the adapter cannot send them)", channel, dropped);
        long cursor = readCursor;
        for (FeedEntry e : pending.values()) cursor = Math.min(cursor, e.seq() - 1);
        holding(jdbc.update("update channel_adapter set cursor = greatest(cursor, ?) where channel = ? and held_by = ?",
                cursor, channel, node));
    }

    /** One batch per read, only the SKUs that sold, and only while this node holds the channel. */
    private void storeSpeeds() {
        Map<String, OversellRisk.Learnt> sold = risk.sold(clock.instant());
        if (sold.isEmpty()) return;
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, OversellRisk.Learnt> e : sold.entrySet()) {
            OversellRisk.Learnt l = e.getValue();
            rows.add(new Object[] {channel, e.getKey(), l.perHour(), l.lastAts(), Timestamp.from(l.observedAt()),
                    channel, node});
        }
        jdbc.batchUpdate("""
                insert into channel_sales_speed (channel, sku, per_hour, last_ats, observed_at)
                select ?, ?, ?, ?, ? where exists (select 1 from channel_adapter where channel = ? and held_by = ?)
                on conflict (channel, sku) do update set per_hour = excluded.per_hour, last_ats = excluded.last_ats,
                    observed_at = excluded.observed_at
                """, rows);
    }

    private void push(List<OversellRisk.Queued> batch) {
        List<ChannelPush.Item> items = new ArrayList<>();
        for (OversellRisk.Queued q : batch) items.add(new ChannelPush.Item(q.sku(), q.quantity(), q.ats(), q.seq()));
        ChannelPush push = new ChannelPush(channel, adapter.marketplace(), items);
        Instant started = clock.instant();
        String problem;
        try {
            adapter.push(push);
            bucket.spent(started, clock.instant());
            metrics.pushed(channel, AdapterMetrics.OK, items.size(), Duration.between(started, clock.instant()));
            for (OversellRisk.Queued q : batch) {
                FeedEntry e = pending.get(q.sku());
                if (e != null && e.seq() == q.seq()) {
                    pending.remove(q.sku());
                    waitingSince.remove(q.sku());
                } else if (e != null) {
                    waitingSince.put(q.sku(), clock.instant()); // a newer value came meanwhile: it waits from now
                }
            }
            queued = pending.size();
            failures = 0;
            nextAttempt = null;
            long cursor = readCursor;
            for (FeedEntry e : pending.values()) cursor = Math.min(cursor, e.seq() - 1);
            holding(jdbc.update("""
                    update channel_adapter set cursor = greatest(cursor, ?), failures = 0, last_error = null,
                        next_attempt_at = null, last_pushed_at = ?
                    where channel = ? and held_by = ?
                    """, cursor, Timestamp.from(clock.instant()), channel, node));
            return;
        } catch (MarketplaceThrottledException e) {
            bucket.giveBack();
            metrics.pushed(channel, AdapterMetrics.THROTTLED, 0, Duration.between(started, clock.instant()));
            Instant now = clock.instant();
            Optional<Duration> asked = e.waitAsked() != null ? Optional.of(e.waitAsked())
                    : RetryAfter.parse(e.retryAfter(), now);
            if (asked.isPresent()) {
                Duration wait = asked.get().compareTo(properties.adapterMaxRetryAfter()) > 0 ? properties.adapterMaxRetryAfter()
                        : asked.get();
                nextAttempt = now.plus(wait);
                problem = "HTTP " + e.status() + ", Retry-After " + wait.toSeconds() + "s";
                holding(jdbc.update("""
                        update channel_adapter set last_error = ?, next_attempt_at = ? where channel = ? and held_by = ?
                        """, problem, Timestamp.from(nextAttempt), channel, node));
                log.info("Push of channel {} to {} throttled ({}); next in {}", channel, adapter.marketplace(),
                        problem, wait);
                return; // the marketplace said when: not a failure, the doubling wait stays where it was
            }
            problem = "HTTP " + e.status();
        } catch (InterruptedException e) {
            bucket.spent(started, clock.instant());
            Thread.currentThread().interrupt();
            problem = "interrupted";
            metrics.pushed(channel, AdapterMetrics.FAILED, 0, Duration.between(started, clock.instant()));
        } catch (OutboundRefusedException e) {
            bucket.spent(started, clock.instant());
            problem = e.getMessage(); // says why, never quotes the URL
            metrics.pushed(channel, AdapterMetrics.FAILED, 0, Duration.between(started, clock.instant()));
            log.warn("Push of channel {} to {} not sent: the adapter's host resolves to {} ({}), not allowed",
                    channel, adapter.marketplace(), e.address() == null ? "-" : e.address().getHostAddress(),
                    e.kind());
        } catch (Exception e) {
            bucket.spent(started, clock.instant());
            problem = e instanceof java.io.IOException && e.getMessage() != null && e.getMessage().startsWith("HTTP ")
                    ? e.getMessage() : e.getClass().getSimpleName(); // never a message that may quote the URL
            metrics.pushed(channel, AdapterMetrics.FAILED, 0, Duration.between(started, clock.instant()));
        }
        failures++;
        Duration retry = properties.retryAfter(failures);
        nextAttempt = clock.instant().plus(retry);
        holding(jdbc.update("""
                update channel_adapter set failures = ?, last_error = ?, next_attempt_at = ?
                where channel = ? and held_by = ?
                """, failures, problem, Timestamp.from(nextAttempt), channel, node));
        log.info("Push of channel {} to {} failed ({}), attempt {}; next in {}", channel, adapter.marketplace(),
                problem, failures, retry);
    }

    /** No row written: another node holds the channel now (or it was removed), so this one stops at once. */
    private void holding(int rows) {
        if (rows == 0 && running) {
            running = false;
            log.info("Adapter of channel {} is no longer held by this node ({}): it stops pushing", channel, node);
        }
    }
}
