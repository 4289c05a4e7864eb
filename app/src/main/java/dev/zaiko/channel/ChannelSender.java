package dev.zaiko.channel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pushes one channel's feed through its marketplace adapter, on a thread of its own so that a slow
 * marketplace slows no other. It reads every feed entry after its cursor into a queue (one per SKU,
 * the latest), and before each push orders the queue by {@link OversellRisk}: SKUs at the safety
 * floor go at once as 0 (not waiting for the rate limit), then the fast sellers with little left,
 * then the rest by sequence. Otherwise it waits for a token of the channel's {@link TokenBucket},
 * woken early when the feed writer wrote, so a SKU reaching the floor meanwhile is not held up.
 * A failed push keeps its SKUs queued and waits the doubling retry wait of the webhooks.
 */
final class ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(ChannelSender.class);
    private static final int READ = 1000;

    private final String channel;
    private final MarketplaceAdapter adapter;
    private final JdbcTemplate jdbc;
    private final ReadingFeeds feeds;
    private final ChannelSyncProperties properties;
    private final Clock clock;
    private final OversellRisk risk;
    private final TokenBucket bucket;
    private final Signal wake = new Signal();
    private final Map<String, FeedEntry> pending = new LinkedHashMap<>();
    private volatile int queued;
    private long readCursor;
    private int failures;
    private Instant nextAttempt;
    private volatile boolean running;
    private Thread thread;

    ChannelSender(String channel, MarketplaceAdapter adapter, int safetyFloor, long cursor, JdbcTemplate jdbc,
                  ReadingFeeds feeds, ChannelSyncProperties properties, Clock clock) {
        this.channel = channel;
        this.adapter = adapter;
        this.jdbc = jdbc;
        this.feeds = feeds;
        this.properties = properties;
        this.clock = clock;
        this.risk = new OversellRisk(safetyFloor);
        this.bucket = new TokenBucket(adapter.requestsPerSecond(), clock.instant());
        this.readCursor = cursor;
    }

    void wake() {
        wake.raise();
    }

    int queued() {
        return queued;
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
        while (running) {
            try {
                read();
                if (pending.isEmpty()) {
                    wake.await(poll);
                    continue;
                }
                Instant now = clock.instant();
                if (nextAttempt != null && now.isBefore(nextAttempt)) {
                    wake.await(Math.max(1, Math.min(poll, Duration.between(now, nextAttempt).toMillis())));
                    continue;
                }
                List<OversellRisk.Queued> order = risk.order(pending.values(), now);
                boolean urgent = order.get(0).atFloor();
                long wait = urgent ? 0 : bucket.millisUntilToken(now);
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

    /** Reads every feed entry after the cursor into the queue, learning the sales speed from it. */
    private void read() {
        while (true) {
            List<FeedEntry> entries = feeds.read(channel, readCursor, READ);
            for (FeedEntry e : entries) {
                risk.seen(e.sku(), e.ats(), e.changedAt());
                pending.remove(e.sku()); // a newer value goes to the end, in sequence
                pending.put(e.sku(), e);
                readCursor = e.seq();
            }
            queued = pending.size();
            if (entries.size() < READ) return;
        }
    }

    private void push(List<OversellRisk.Queued> batch) {
        List<ChannelPush.Item> items = new ArrayList<>();
        for (OversellRisk.Queued q : batch) items.add(new ChannelPush.Item(q.sku(), q.quantity(), q.ats(), q.seq()));
        ChannelPush push = new ChannelPush(channel, adapter.marketplace(), items);
        String problem;
        try {
            adapter.push(push);
            for (OversellRisk.Queued q : batch) {
                FeedEntry e = pending.get(q.sku());
                if (e != null && e.seq() == q.seq()) pending.remove(q.sku());
            }
            queued = pending.size();
            failures = 0;
            nextAttempt = null;
            long cursor = readCursor;
            for (FeedEntry e : pending.values()) cursor = Math.min(cursor, e.seq() - 1);
            jdbc.update("""
                    update channel_adapter set cursor = greatest(cursor, ?), failures = 0, last_error = null,
                        last_pushed_at = ? where channel = ?
                    """, cursor, Timestamp.from(clock.instant()), channel);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        } catch (Exception e) {
            problem = e instanceof java.io.IOException && e.getMessage() != null && e.getMessage().startsWith("HTTP ")
                    ? e.getMessage() : e.getClass().getSimpleName(); // never a message that may quote the URL
        }
        failures++;
        Duration retry = properties.retryAfter(failures);
        nextAttempt = clock.instant().plus(retry);
        jdbc.update("update channel_adapter set failures = ?, last_error = ? where channel = ?", failures, problem,
                channel);
        log.info("Push of channel {} to {} failed ({}), attempt {}; next in {}", channel, adapter.marketplace(),
                problem, failures, retry);
    }
}
