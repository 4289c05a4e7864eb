package dev.zaiko.channel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundTargets;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Setting, reading and removing a channel's marketplace adapter, and this instance's
 * {@link AdapterNode}, which pushes the channels whose lease it holds (one instance per channel at a
 * time, with several on one database). A new adapter starts at cursor 0: its first pushes bring
 * every SKU's current value, riskiest first.
 */
@Service
public class MarketplaceAdapters implements SmartLifecycle {

    static final double MAX_RATE = 100;
    static final int MAX_BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final StockNetwork network;
    private final AdapterNode node;
    private final Clock clock;
    private final OutboundTargets targets;

    MarketplaceAdapters(JdbcTemplate jdbc, StockNetwork network, ReadingFeeds feeds, FeedWriter writer,
                        ChannelSyncProperties properties, Clock clock, MeterRegistry meters, OutboundTargets targets,
                        OutboundHttp http) {
        this.jdbc = jdbc;
        this.network = network;
        this.clock = clock;
        this.targets = targets;
        this.node = new AdapterNode(jdbc, feeds::read,
                posting(http, properties.connectTimeout(), properties.requestTimeout()), properties, clock, meters,
                AdapterNode.newId());
        writer.onWritten(node::wake);
    }

    /**
     * Adapters that POST each marketplace's JSON to the channel's URL, each push checking again
     * where the URL's host points ({@link OutboundHttp}).
     */
    static AdapterNode.AdapterFactory posting(OutboundHttp http, Duration connectTimeout, Duration timeout) {
        return s -> Marketplace.valueOf(s.marketplace()).adapter(s.url(), s.rate(), s.batch(), http, connectTimeout,
                timeout);
    }

    /**
     * Sets the channel's adapter (a change keeps the cursor and the lease: the holder, on whichever
     * instance, restarts its sender with the new settings). Null rate, batch or floor take the
     * marketplace's defaults (floor 0: a SKU that sold out goes first). The URL must be plain
     * http(s) to an allowed address ({@link OutboundTargets}): else 400 naming {@code url}, and
     * nothing is stored or changed.
     */
    public ChannelAdapter set(String channel, String marketplace, String url, Double rate, Integer batch,
                              Integer safetyFloor) {
        network.requireChannel(channel);
        Marketplace m = marketplace(marketplace);
        double r = rate == null ? m.defaultRate : rate;
        int b = batch == null ? m.defaultBatch : batch;
        int floor = safetyFloor == null ? 0 : safetyFloor;
        if (!(r > 0) || r > MAX_RATE) {
            throw new InvalidRequestException("requestsPerSecond must be above 0 and at most " + MAX_RATE + ".");
        }
        if (b < 1 || b > MAX_BATCH) throw new InvalidRequestException("batch must be 1 to " + MAX_BATCH + ".");
        if (floor < 0) throw new InvalidRequestException("safetyFloor must be 0 or more.");
        String valid = targets.requireAllowed(url, "url").toString();
        jdbc.update("""
                insert into channel_adapter (channel, marketplace, url, rate, batch, safety_floor, created_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (channel) do update set marketplace = excluded.marketplace, url = excluded.url,
                    rate = excluded.rate, batch = excluded.batch, safety_floor = excluded.safety_floor,
                    failures = 0, last_error = null, next_attempt_at = null
                """, channel, m.name(), valid, r, b, floor, Timestamp.from(clock.instant()));
        node.stopSender(channel); // held here: starts again at once, with no wait left from before
        node.heartbeat(); // held elsewhere: that holder sees the settings at its next renewal
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
        node.stopSender(channel); // a holder elsewhere stops when its renewal finds no row
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
                    next_attempt_at, last_pushed_at, held_by, held_until from channel_adapter where channel = ?
                """, (rs, i) -> new ChannelAdapter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                rs.getInt(5), rs.getInt(6), rs.getLong(7), rs.getInt(8), rs.getString(9), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)), rs.getString(12), instant(rs.getTimestamp(13)),
                node.queued(rs.getString(1))), channel).stream().findFirst();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public void start() {
        node.start();
    }

    /** Gives this instance's leases up: another instance takes the channels over at its next heartbeat. */
    @Override
    public void stop() {
        node.stop(true);
    }

    @Override
    public boolean isRunning() {
        return node.running();
    }

    /** Stops before the feed writer, the database and the job scheduler. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 128;
    }
}
