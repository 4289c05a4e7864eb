package dev.zaiko.channel;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This instance's share of the marketplace adapters: it runs a {@link ChannelSender} for each
 * channel whose lease it holds, and only for those. The lease lives in {@code channel_adapter}
 * ({@code held_by}, {@code held_until}); every {@link ChannelSyncProperties#adapterHeartbeat} the
 * node renews what it holds and claims what nobody holds (or whose lease ran out: its holder died),
 * both with conditional updates, so the database alone says who pushes. A renewal that finds another
 * holder (or no row) stops that channel's sender at once. Stopping gives the leases up, so another
 * instance takes over at its next heartbeat; a crash leaves them to run out. A new holder goes on
 * from the stored cursor. Settings changed on any instance reach the holder with its next renewal.
 * The lease and its heartbeat are {@link DatabaseLease}, shared with webhook delivery.
 */
final class AdapterNode {

    private static final Logger log = LoggerFactory.getLogger(AdapterNode.class);

    /** What a channel's sender runs with; a change on any instance restarts the holder's sender. */
    record Settings(String marketplace, String url, double rate, int batch, int safetyFloor) {
    }

    /** A channel's feed after a cursor (the sender reads it). */
    interface FeedSource {
        List<FeedEntry> read(String channel, long after, int limit);
    }

    /** Makes the adapter a sender pushes through. */
    interface AdapterFactory {
        MarketplaceAdapter adapter(String channel, Settings settings);
    }

    private final JdbcTemplate jdbc;
    private final FeedSource feeds;
    private final AdapterFactory adapters;
    private final ChannelSyncProperties properties;
    private final Clock clock;
    private final String id;
    private final AdapterMetrics metrics;
    private final Map<String, ChannelSender> senders = new ConcurrentHashMap<>();
    private final DatabaseLease leases;
    private volatile boolean running;

    AdapterNode(JdbcTemplate jdbc, FeedSource feeds, AdapterFactory adapters, ChannelSyncProperties properties,
                Clock clock, MeterRegistry meters, String id) {
        this.jdbc = jdbc;
        this.feeds = feeds;
        this.adapters = adapters;
        this.properties = properties;
        this.clock = clock;
        this.id = id;
        this.metrics = new AdapterMetrics(meters, this::queued);
        this.leases = new DatabaseLease(jdbc, clock, TABLE, properties.adapterLease(), id);
    }

    /** Where a channel's lease lives: {@code held_by} until {@code held_until}. */
    static final DatabaseLease.Table TABLE = new DatabaseLease.Table("channel_adapter", "channel", "text", "held_by",
            "held_until");

    private static final String SETTINGS = "channel, marketplace, url, rate, batch, safety_floor";

    /** The host and process, and a random part: two nodes in one JVM (tests) differ too. */
    static String newId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    String id() {
        return id;
    }

    /** SKUs queued for the channel on this node (0 where it does not hold the channel). */
    int queued(String channel) {
        ChannelSender s = senders.get(channel);
        return s == null ? 0 : s.queued();
    }

    /** Whether this node runs the channel's sender now. */
    boolean holds(String channel) {
        ChannelSender s = senders.get(channel);
        return s != null && s.alive();
    }

    /** The channel's sender on this node, if it runs one (tests wait for its rounds). */
    ChannelSender sender(String channel) {
        return senders.get(channel);
    }

    void wake() {
        senders.values().forEach(ChannelSender::wake);
    }

    /**
     * Renews the leases this node holds, claims the ones nobody holds, and makes the senders match:
     * one for each channel held, with its current settings; none for any other.
     */
    synchronized void heartbeat() {
        if (!running) return;
        Instant until = leases.until();
        Map<String, Settings> held = new HashMap<>();
        // a holder whose lease ran out while nobody claimed it may renew: nobody else pushed meanwhile
        leases.renewAll(SETTINGS, rs -> {
            held.put(rs.getString(1), settings(rs));
        });
        leases.acquireFree(SETTINGS, rs -> {
            String channel = rs.getString(1);
            held.put(channel, settings(rs));
            log.info("Adapter of channel {} is now pushed by this node ({})", channel, id);
        });
        for (String channel : List.copyOf(senders.keySet())) {
            if (!held.containsKey(channel)) {
                ChannelSender lost = senders.remove(channel);
                lost.stop(); // at once; its push on the way, if any, writes no row (they are conditional)
                log.info("Adapter of channel {} is no longer held by this node ({}): its sender stops", channel, id);
            }
        }
        for (Map.Entry<String, Settings> e : held.entrySet()) {
            ChannelSender s = senders.get(e.getKey());
            if (s == null || !s.alive() || !s.settings().equals(e.getValue())) {
                startSender(e.getKey(), e.getValue(), until);
            } else {
                s.heldUntil(until);
            }
        }
    }

    private static Settings settings(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Settings(rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getInt(5), rs.getInt(6));
    }

    private void startSender(String channel, Settings settings, Instant until) {
        stopSender(channel);
        Long cursor = jdbc.query("select cursor from channel_adapter where channel = ? and held_by = ?",
                rs -> rs.next() ? rs.getLong(1) : null, channel, id);
        if (cursor == null) return; // removed meanwhile
        MarketplaceAdapter adapter = adapters.adapter(channel, settings);
        ChannelSender sender = new ChannelSender(channel, settings, adapter, cursor, until, jdbc, feeds, properties,
                clock, id, metrics);
        metrics.channel(channel);
        senders.put(channel, sender);
        sender.start();
    }

    /** Stops the channel's sender and waits for a push on its way, so that it writes no row after. */
    synchronized void stopSender(String channel) {
        ChannelSender old = senders.remove(channel);
        if (old == null) return;
        old.stop();
        try {
            old.join(properties.requestTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean running() {
        return running;
    }

    synchronized void start() {
        if (running) return;
        running = true;
        try {
            heartbeat();
        } catch (RuntimeException e) {
            log.warn("Adapter leases could not be taken at start, the next heartbeat tries again: {}", e.toString());
        }
        // a beat that fails is logged and retried; a sender keeps pushing only until its last renewed lease runs out
        leases.startHeartbeat("zaiko-adapter-lease", properties.adapterHeartbeat(), this::heartbeat);
    }

    /**
     * Stops every sender (waiting for pushes on their way) and, with {@code release}, gives the leases
     * up so that another instance takes over at once. Without, the leases run out by themselves, as
     * after a crash.
     */
    void stop(boolean release) {
        synchronized (this) {
            if (!running) return;
            running = false;
            senders.values().forEach(ChannelSender::stop);
            for (ChannelSender s : senders.values()) {
                try {
                    s.join(properties.requestTimeout().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            senders.clear();
        }
        leases.stopHeartbeat(properties.requestTimeout());
        if (release) {
            try {
                leases.releaseAll();
            } catch (RuntimeException e) {
                log.warn("Adapter leases of this node ({}) could not be given up; they run out by themselves: {}",
                        id, e.toString());
            }
        }
    }
}
