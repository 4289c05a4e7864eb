package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.channel.ChannelAdapter;
import dev.zaiko.channel.FeedEntry;
import dev.zaiko.channel.MarketplaceAdapters;
import dev.zaiko.channel.ReadingFeeds;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drift repair: reads back what a connected channel's platform shows for its mapped SKUs (in
 * batches of {@link ConnectorProperties#readBatch}) and compares it with what Zaiko pushes there: the
 * channel feed's value (0 at or below the channel's safety floor). Only SKUs whose latest value was
 * already pushed (feed seq at or below the channel's cursor) are compared, so a value still queued is
 * not taken for drift. Each difference is recorded in {@code connector_drift} and corrected by the
 * channel's own sender ({@link MarketplaceAdapters#pushAgain}): in order with every other change,
 * within the platform's rate, never an older value after a newer one. The drift is marked corrected
 * when the platform took that push. A platform that cannot be read back (Yahoo) gets every mapped
 * SKU pushed again instead (a full push). Runs on a schedule ({@code zaiko.connector.drift-interval},
 * a durable job) and on demand.
 */
@Service
public class FindingDrift {

    static final String TASK = "connector-drift";
    private static final Logger log = LoggerFactory.getLogger(FindingDrift.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final StockNetwork network;
    private final ConnectorAccounts accounts;
    private final MarketplaceAdapters adapters;
    private final ReadingFeeds feeds;
    private final ConnectorProperties properties;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final PushingInBulk bulk;

    FindingDrift(JdbcTemplate jdbc, PlatformTransactionManager transactions, StockNetwork network,
                 ConnectorAccounts accounts, MarketplaceAdapters adapters, ReadingFeeds feeds,
                 ConnectorProperties properties, Clock clock, ConnectorMetrics metrics, PushingInBulk bulk) {
        this.metrics = metrics;
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.network = network;
        this.accounts = accounts;
        this.adapters = adapters;
        this.feeds = feeds;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param age how long Zaiko's value had been true when the drift was found (at least: the platform
     *            may have shown the wrong value for longer)
     */
    public record Drift(long id, String sku, int shown, int trueValue, Instant foundAt, Duration age,
                        Instant lastPushedAt, Instant correctedAt) {
    }

    /**
     * One check's outcome.
     *
     * @param compared SKUs read back and compared
     * @param fullPush true when the platform cannot be read back and every mapped SKU was pushed again
     * @param pushedAgain SKUs sent again (the drifted ones, or all in a full push)
     * @param error    why the check stopped early (the platform's words), else null
     * @param bulkPushes the bulk pushes the corrections went in (more than {@code zaiko.connector.bulk-threshold}
     *                 on a platform with a bulk path), else empty
     */
    public record Check(String channel, Instant checkedAt, int compared, boolean fullPush, int pushedAgain,
                        List<Drift> found, String error, List<Long> bulkPushes) {
    }

    /** Every connected channel, one after the other; one that fails holds up no other. */
    void checkAll() {
        for (String channel : accounts.channels()) {
            try {
                Check c = check(channel);
                if (!c.found().isEmpty() || c.error() != null) {
                    log.info("Drift check of channel {}: {} compared, {} drifted{}", channel, c.compared(),
                            c.found().size(), c.error() == null ? "" : ", stopped: " + c.error());
                }
            } catch (RuntimeException e) {
                log.warn("Drift check of channel {} failed: {}", channel, e.toString());
            }
        }
    }

    public Check check(String channel) {
        network.requireChannel(channel);
        ConnectorAccounts.Session session = accounts.session(channel)
                .orElseThrow(() -> new NotFoundException("No connector on channel '" + channel + "'."));
        Instant now = clock.instant();
        Optional<ChannelAdapter> adapter = adapters.find(channel);
        long cursor = adapter.map(ChannelAdapter::cursor).orElse(0L);
        int floor = adapter.map(ChannelAdapter::safetyFloor).orElse(0);
        Instant lastPushedAt = adapter.map(ChannelAdapter::lastPushedAt).orElse(null);
        Map<String, FeedEntry> feed = feeds.current(channel);
        List<String> mapped = jdbc.queryForList("select sku from connector_item where channel = ? order by sku",
                String.class, channel);
        // a SKU whose correction is in a bulk push the platform has not finished is not compared again
        java.util.Set<String> underWay = new java.util.HashSet<>(jdbc.queryForList("""
                select d.sku from connector_drift d join connector_bulk_push b on b.id = d.bulk_push_id
                where d.channel = ? and d.corrected_at is null and b.status = 'SUBMITTED'
                """, String.class, channel));
        List<String> pushed = mapped.stream().filter(s -> feed.containsKey(s) && feed.get(s).seq() <= cursor
                && !underWay.contains(s)).toList();
        Map<String, Integer> truth = new HashMap<>();
        for (String sku : pushed) {
            int ats = feed.get(sku).ats();
            truth.put(sku, ats <= floor ? 0 : ats);
        }
        int compared = 0;
        Map<String, Integer> drifted = new LinkedHashMap<>();
        String error = null;
        for (int i = 0; i < pushed.size(); i += properties.readBatch()) {
            List<String> batch = pushed.subList(i, Math.min(pushed.size(), i + properties.readBatch()));
            Optional<Map<String, Integer>> shown;
            try {
                shown = session.client().readQuantities(batch);
            } catch (ConnectorException e) {
                error = e instanceof ConnectorException.Throttled ? "throttled: " + e.getMessage() : e.getMessage();
                if (e instanceof ConnectorException.Unauthorized) accounts.refused(channel, e.getMessage());
                else if (!(e instanceof ConnectorException.Throttled)) accounts.failed(channel, e.getMessage());
                break;
            }
            if (shown.isEmpty()) {
                List<String> all = mapped.stream().filter(feed::containsKey).toList();
                int again = adapters.pushAgain(channel, all).size();
                accounts.driftChecked(channel);
                return new Check(channel, now, 0, true, again, List.of(), null, List.of());
            }
            for (String sku : batch) {
                Integer value = shown.get().get(sku);
                if (value == null) continue; // the platform does not know it: nothing to compare
                compared++;
                if (value.intValue() != truth.get(sku)) drifted.put(sku, value);
            }
        }
        // a success is a platform call that worked: with nothing pushed yet, nothing was asked
        if (error == null && !pushed.isEmpty()) accounts.succeeded(channel);
        accounts.driftChecked(channel);
        List<Drift> found;
        List<Long> bulkPushes = new ArrayList<>();
        if (drifted.size() > properties.bulkThreshold() && PushingInBulk.hasBulk(session.client())) {
            List<PushingInBulk.Item> items = drifted.keySet().stream()
                    .map(sku -> new PushingInBulk.Item(sku, truth.get(sku), feed.get(sku).seq())).toList();
            PushingInBulk.Sending sending = bulk.send(channel, session.client(), items);
            if (error == null) error = sending.error();
            found = recordBulk(channel, session.connector().platform().name(), drifted, truth, feed, lastPushedAt,
                    now, sending, bulkPushes);
        } else {
            found = drifted.isEmpty() ? List.of() : record(channel, drifted, truth, feed, lastPushedAt, now);
        }
        if (!found.isEmpty()) metrics.drift(channel, found.size());
        return new Check(channel, now, compared, false, found.size(), found, error, List.copyOf(bulkPushes));
    }

    /** Records the drift and gives the SKUs a new feed seq in one transaction: the sender sees both or neither. */
    private List<Drift> record(String channel, Map<String, Integer> drifted, Map<String, Integer> truth,
                               Map<String, FeedEntry> feed, Instant lastPushedAt, Instant now) {
        return tx.execute(t -> {
            Map<String, Long> seqs = adapters.pushAgain(channel, drifted.keySet());
            List<Drift> found = new ArrayList<>();
            for (Map.Entry<String, Integer> d : drifted.entrySet()) {
                String sku = d.getKey();
                Instant since = feed.get(sku).changedAt();
                Long id = jdbc.queryForObject("""
                        insert into connector_drift (channel, sku, shown, true_value, truth_since, last_pushed_at,
                            found_at, push_seq)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id
                        """, Long.class, channel, sku, d.getValue(), truth.get(sku), Timestamp.from(since),
                        lastPushedAt == null ? null : Timestamp.from(lastPushedAt), Timestamp.from(now), seqs.get(sku));
                found.add(new Drift(id, sku, d.getValue(), truth.get(sku), now, age(since, now), lastPushedAt, null));
            }
            return found;
        });
    }

    /**
     * Records the drift of corrections sent in bulk: each row points at its bulk push (corrected when
     * that is done and confirms the SKU); a SKU the bulk could not take goes to the channel's sender,
     * in the same transaction.
     */
    private List<Drift> recordBulk(String channel, String platform, Map<String, Integer> drifted,
                                   Map<String, Integer> truth, Map<String, FeedEntry> feed, Instant lastPushedAt,
                                   Instant now, PushingInBulk.Sending sending, List<Long> bulkPushes) {
        return tx.execute(t -> {
            List<Long> ids = bulk.record(channel, platform, PushingInBulk.DRIFT, sending.sent());
            bulkPushes.addAll(ids);
            Map<String, Long> byBulk = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                PushingInBulk.Sent sent = sending.sent().get(i);
                for (PushingInBulk.Item item : sent.items()) {
                    if (!sent.notSent().contains(item.sku())) byBulk.put(item.sku(), ids.get(i));
                }
            }
            Map<String, Long> seqs = sending.notSent().isEmpty() ? Map.of()
                    : adapters.pushAgain(channel, sending.notSent());
            List<Drift> found = new ArrayList<>();
            for (Map.Entry<String, Integer> d : drifted.entrySet()) {
                String sku = d.getKey();
                Instant since = feed.get(sku).changedAt();
                Long id = jdbc.queryForObject("""
                        insert into connector_drift (channel, sku, shown, true_value, truth_since, last_pushed_at,
                            found_at, push_seq, bulk_push_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                        """, Long.class, channel, sku, d.getValue(), truth.get(sku), Timestamp.from(since),
                        lastPushedAt == null ? null : Timestamp.from(lastPushedAt), Timestamp.from(now), seqs.get(sku),
                        byBulk.get(sku));
                found.add(new Drift(id, sku, d.getValue(), truth.get(sku), now, age(since, now), lastPushedAt, null));
            }
            return found;
        });
    }

    /** The channel's drift report: the latest drift found, newest first. */
    public List<Drift> report(String channel, int limit) {
        network.requireChannel(channel);
        if (!accounts.connected(channel)) throw new NotFoundException("No connector on channel '" + channel + "'.");
        return jdbc.query("""
                select id, sku, shown, true_value, found_at, truth_since, last_pushed_at, corrected_at
                from connector_drift where channel = ? order by found_at desc, id desc limit ?
                """, (rs, i) -> {
            Instant found = rs.getTimestamp(5).toInstant();
            Timestamp since = rs.getTimestamp(6);
            return new Drift(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), found,
                    since == null ? null : age(since.toInstant(), found), instant(rs.getTimestamp(7)),
                    instant(rs.getTimestamp(8)));
        }, channel, Math.max(1, Math.min(1000, limit)));
    }


    private static Duration age(Instant since, Instant found) {
        Duration d = Duration.between(since, found);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
