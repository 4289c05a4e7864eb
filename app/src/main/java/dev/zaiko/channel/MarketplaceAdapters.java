package dev.zaiko.channel;

import java.net.http.HttpClient;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Setting, reading and removing a channel's marketplace adapter, and running one
 * {@link ChannelSender} per configured channel. A new adapter starts at cursor 0: its first pushes
 * bring every SKU's current value, riskiest first. Runs on one instance at a time (no lease yet).
 */
@Service
public class MarketplaceAdapters implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MarketplaceAdapters.class);
    static final double MAX_RATE = 100;
    static final int MAX_BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final StockNetwork network;
    private final ReadingFeeds feeds;
    private final ChannelSyncProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, ChannelSender> senders = new ConcurrentHashMap<>();
    private volatile boolean running;

    MarketplaceAdapters(JdbcTemplate jdbc, StockNetwork network, ReadingFeeds feeds, FeedWriter writer,
                        ChannelSyncProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.network = network;
        this.feeds = feeds;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        writer.onWritten(() -> senders.values().forEach(ChannelSender::wake));
    }

    /**
     * Sets the channel's adapter (a change keeps the cursor). Null rate, batch or floor take the
     * marketplace's defaults (floor 0: a SKU that sold out goes first).
     */
    public ChannelAdapter set(String channel, String marketplace, String url, Double rate, Integer batch,
                              Integer safetyFloor) {
        network.requireChannel(channel);
        Marketplace m = marketplace(marketplace);
        String valid = Webhooks.validUrl(url).toString();
        double r = rate == null ? m.defaultRate : rate;
        int b = batch == null ? m.defaultBatch : batch;
        int floor = safetyFloor == null ? 0 : safetyFloor;
        if (!(r > 0) || r > MAX_RATE) {
            throw new InvalidRequestException("requestsPerSecond must be above 0 and at most " + MAX_RATE + ".");
        }
        if (b < 1 || b > MAX_BATCH) throw new InvalidRequestException("batch must be 1 to " + MAX_BATCH + ".");
        if (floor < 0) throw new InvalidRequestException("safetyFloor must be 0 or more.");
        jdbc.update("""
                insert into channel_adapter (channel, marketplace, url, rate, batch, safety_floor, created_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (channel) do update set marketplace = excluded.marketplace, url = excluded.url,
                    rate = excluded.rate, batch = excluded.batch, safety_floor = excluded.safety_floor,
                    failures = 0, last_error = null
                """, channel, m.name(), valid, r, b, floor, Timestamp.from(clock.instant()));
        restart(channel);
        return get(channel);
    }

    public ChannelAdapter get(String channel) {
        network.requireChannel(channel);
        return find(channel).orElseThrow(() -> new NotFoundException("No adapter on channel '" + channel + "'."));
    }

    public void delete(String channel) {
        network.requireChannel(channel);
        if (jdbc.update("delete from channel_adapter where channel = ?", channel) == 0) {
            throw new NotFoundException("No adapter on channel '" + channel + "'.");
        }
        stopSender(channel);
    }

    /** Stops the channel's sender and waits for a push on its way, so that it writes no row after. */
    private synchronized void stopSender(String channel) {
        ChannelSender old = senders.remove(channel);
        if (old == null) return;
        old.stop();
        try {
            old.join(properties.requestTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Marketplace marketplace(String name) {
        try {
            return Marketplace.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("marketplace must be one of " + List.of(Marketplace.values()) + ".");
        }
    }

    private Optional<ChannelAdapter> find(String channel) {
        return jdbc.query("""
                select channel, marketplace, url, rate, batch, safety_floor, cursor, failures, last_error,
                    last_pushed_at from channel_adapter where channel = ?
                """, (rs, i) -> {
            ChannelSender s = senders.get(rs.getString(1));
            Timestamp pushed = rs.getTimestamp(10);
            return new ChannelAdapter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                    rs.getInt(5), rs.getInt(6), rs.getLong(7), rs.getInt(8), rs.getString(9),
                    pushed == null ? null : pushed.toInstant(), s == null ? 0 : s.queued());
        }, channel).stream().findFirst();
    }

    private synchronized void restart(String channel) {
        stopSender(channel);
        if (!running) return;
        find(channel).ifPresent(a -> {
            MarketplaceAdapter adapter = Marketplace.valueOf(a.marketplace())
                    .adapter(a.url(), a.requestsPerSecond(), a.batch(), http, properties.requestTimeout());
            ChannelSender sender = new ChannelSender(channel, adapter, a.safetyFloor(), a.cursor(), jdbc, feeds,
                    properties, clock);
            senders.put(channel, sender);
            sender.start();
        });
    }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        for (String channel : jdbc.queryForList("select channel from channel_adapter", String.class)) {
            try {
                restart(channel);
            } catch (RuntimeException e) {
                log.warn("Adapter of channel {} could not start: {}", channel, e.toString());
            }
        }
    }

    @Override
    public synchronized void stop() {
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
