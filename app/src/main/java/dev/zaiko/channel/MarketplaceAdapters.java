package dev.zaiko.channel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundTargets;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
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
    private final FeedWriter writer;

    MarketplaceAdapters(JdbcTemplate jdbc, StockNetwork network, ReadingFeeds feeds, FeedWriter writer,
                        ChannelSyncProperties properties, Clock clock, MeterRegistry meters, OutboundTargets targets,
                        OutboundHttp http, ObjectProvider<ConnectedAdapters> connected) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.network = network;
        this.clock = clock;
        this.targets = targets;
        this.node = new AdapterNode(jdbc, feeds::read,
                connectedFirst(connected, posting(http, properties.connectTimeout(), properties.requestTimeout())),
                properties, clock, meters, AdapterNode.newId());
        writer.onWritten(node::wake);
    }

    /**
     * Adapters that POST each marketplace's JSON to the channel's URL, each push checking again
     * where the URL's host points ({@link OutboundHttp}).
     */
    static AdapterNode.AdapterFactory posting(OutboundHttp http, Duration connectTimeout, Duration timeout) {
        return (channel, s) -> Marketplace.valueOf(s.marketplace()).adapter(s.url(), s.rate(), s.batch(), http,
                connectTimeout, timeout);
    }

    /**
     * A channel connected to its platform ({@link ConnectedAdapters}, the connector module) pushes
     * through its connector; any other through {@code otherwise}. A connector row whose connector is
     * gone (its account removed on another instance meanwhile) gets an adapter that fails every push
     * with a reason, so the row shows it instead of a sender that cannot start.
     */
    static AdapterNode.AdapterFactory connectedFirst(ObjectProvider<ConnectedAdapters> connected,
                                                     AdapterNode.AdapterFactory otherwise) {
        return (channel, s) -> {
            for (ConnectedAdapters c : connected) {
                Optional<MarketplaceAdapter> adapter = c.adapterFor(channel);
                if (adapter.isPresent()) return adapter.get();
            }
            if (s.url().startsWith(CONNECTOR_URL)) return new NotConnected(s);
            return otherwise.adapter(channel, s);
        };
    }

    /** The {@code url} of a channel_adapter row that a connector pushes (no URL of its own: the platform's API). */
    public static final String CONNECTOR_URL = "connector:";

    /** A connector row without its connector: every push fails, saying so. */
    private record NotConnected(AdapterNode.Settings settings) implements MarketplaceAdapter {
        @Override
        public String marketplace() {
            return settings.marketplace();
        }

        @Override
        public int maxBatch() {
            return settings.batch();
        }

        @Override
        public double requestsPerSecond() {
            return settings.rate();
        }

        @Override
        public void push(ChannelPush batch) throws java.io.IOException {
            throw new java.io.IOException("HTTP 0 no connector account");
        }
    }

    /**
     * Makes the channel pushed by its connector (the connector module calls it when a channel's
     * connector is set): the channel's adapter row with the platform's name, the platform's rate and
     * batch, and {@link #CONNECTOR_URL} instead of a URL. A row that was there keeps its cursor and its
     * safety floor; a new one starts at cursor 0 (every SKU's current value goes first) with floor 0.
     */
    public ChannelAdapter connect(String channel, String platform, double rate, int batch) {
        network.requireChannel(channel);
        double r = Math.min(MAX_RATE, rate);
        int b = Math.max(1, Math.min(MAX_BATCH, batch));
        jdbc.update("""
                insert into channel_adapter (channel, marketplace, url, rate, batch, safety_floor, created_at)
                values (?, ?, ?, ?, ?, 0, ?)
                on conflict (channel) do update set marketplace = excluded.marketplace, url = excluded.url,
                    rate = excluded.rate, batch = excluded.batch, failures = 0, last_error = null, next_attempt_at = null
                """, channel, platform, CONNECTOR_URL + platform.toLowerCase(Locale.ROOT), r, b,
                Timestamp.from(clock.instant()));
        node.stopSender(channel);
        node.heartbeat();
        return get(channel);
    }

    /** The channel's adapter, if it has one (no error when not). */
    public Optional<ChannelAdapter> find(String channel) {
        return findRow(channel);
    }

    /** Removes the channel's adapter row if a connector pushes it; a row set by URL stays. */
    public void disconnect(String channel) {
        if (jdbc.update("delete from channel_adapter where channel = ? and url like ?", channel,
                CONNECTOR_URL + "%") > 0) {
            node.stopSender(channel);
        }
    }

    /**
     * Sends these SKUs' current values on the channel again, through the channel's own sender and in
     * order with every other change (see {@link FeedWriter#resequence}).
     *
     * @return SKU -> the feed seq whose push carries the value, for the SKUs the channel's feed has
     */
    public Map<String, Long> pushAgain(String channel, java.util.Collection<String> skus) {
        network.requireChannel(channel);
        return writer.resequence(channel, skus);
    }

    /**
     * {@link #pushAgain} for the SKUs whose value was not superseded since a push carried it: the
     * SKUs whose feed entry is still the one with the given seq (a newer value is sent anyway, and an
     * older one must never follow it).
     *
     * @param pushed SKU -> the feed seq the push carried
     * @return SKU -> the feed seq whose push carries the value again, for the SKUs sent again
     */
    public Map<String, Long> pushAgainUnlessSuperseded(String channel, Map<String, Long> pushed) {
        network.requireChannel(channel);
        return writer.resequenceUnchanged(channel, pushed);
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
        return findRow(channel).orElseThrow(() -> new NotFoundException("No adapter on channel '" + channel + "'."));
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

    private Optional<ChannelAdapter> findRow(String channel) {
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
