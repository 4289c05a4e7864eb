package dev.zaiko.connector;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Large pushes through a platform's bulk path ({@link PlatformClient#bulk()}, Amazon's listings
 * feed): many SKUs in one submission the platform processes later, for the drift repair and the full
 * push. Everything else (a flash sale, one change) still goes through the channel's sender, which
 * takes seconds where a feed takes minutes.
 * <p>
 * Each submission is a {@code connector_bulk_push} row with its items (SKU, quantity, the channel
 * feed's seq of that value) and one durable db-scheduler execution {@value #TASK} that follows it
 * ({@link PlatformClient#followBulk}), waiting {@code zaiko.connector.bulk-follow} doubling up to
 * {@code bulk-follow-max}. When the platform is done, each SKU it rejected, and each SKU whose feed
 * seq moved past the submitted one meanwhile (a newer value went by the sender and the feed may
 * have overwritten it with the older one), goes to the channel's sender again
 * ({@link MarketplaceAdapters#pushAgain}): no older value stays after a newer one. When the
 * platform gives up on a submission, or has not finished it {@code bulk-give-up} after it was sent,
 * it is FAILED and every SKU of it goes to the sender. Rejections and failures are the connector's
 * last error, in the platform's words.
 */
@Service
public class PushingInBulk {

    static final String TASK = "connector-bulk-push";
    static final TaskDescriptor<Void> JOB = TaskDescriptor.of(TASK);
    static final String DRIFT = "DRIFT";
    static final String FULL_PUSH = "FULL_PUSH";

    private static final Logger log = LoggerFactory.getLogger(PushingInBulk.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final StockNetwork network;
    private final ConnectorAccounts accounts;
    private final MarketplaceAdapters adapters;
    private final ReadingFeeds feeds;
    private final ConnectorProperties properties;
    private final SchedulerClient scheduler;
    private final Clock clock;

    PushingInBulk(JdbcTemplate jdbc, PlatformTransactionManager transactions, StockNetwork network,
                  ConnectorAccounts accounts, MarketplaceAdapters adapters, ReadingFeeds feeds,
                  ConnectorProperties properties, SchedulerClient scheduler, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.network = network;
        this.accounts = accounts;
        this.adapters = adapters;
        this.feeds = feeds;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** One SKU of a bulk push: the value sent and the channel feed's seq of that value. */
    record Item(String sku, int quantity, long seq) {
    }

    /**
     * One submission the platform took: its reference, the items exactly as submitted (a platform may
     * answer by their order), and those of them it did not send (no mapping: they went to the sender).
     */
    record Sent(String reference, List<Item> items, Set<String> notSent) {
    }

    /**
     * What sending came to.
     *
     * @param sent    the submissions the platform took
     * @param notSent SKUs not in any of them (no mapping, a submission that failed): for the channel's sender
     * @param error   why a submission failed (the platform's words), else null
     */
    record Sending(List<Sent> sent, Set<String> notSent, String error) {
    }

    /**
     * A bulk push as answered (GET connector, the console).
     *
     * @param purpose     DRIFT (the drift repair) or FULL_PUSH
     * @param status      SUBMITTED, DONE or FAILED
     * @param pushedAgain SKUs that went to the channel's sender once it was done (rejected, or changed meanwhile)
     * @param message     the platform's words (rejections, a failure), else null
     */
    public record BulkPush(long id, String purpose, String reference, String status, int items, Integer rejected,
                           Integer pushedAgain, Instant submittedAt, Instant finishedAt, String message) {
    }

    /**
     * A full push's answer.
     *
     * @param how        BULK (the platform's bulk path) or QUEUED (every SKU through the channel's sender)
     * @param skus       mapped SKUs with a value in the channel's feed, all sent
     * @param bulkPushes the bulk submissions (empty when QUEUED)
     * @param queued     SKUs that went to the channel's sender (all when QUEUED; those a bulk could not take otherwise)
     */
    public record FullPush(String channel, String how, int skus, List<BulkPush> bulkPushes, int queued, String error) {
    }

    /** What the job does next: nothing (null) or look again at that time. */
    record Next(Instant at) {
        static final Next DONE = new Next(null);
    }

    /** Whether the channel's platform client has a bulk path. */
    static boolean hasBulk(PlatformClient client) {
        return client.bulk().isPresent();
    }

    /**
     * Sends the items in submissions of at most the platform's {@code maxItems}, outside any
     * transaction (platform calls). A submission that fails stops the sending: its SKUs and the rest
     * are left for the channel's sender, and the failure is the connector's health.
     */
    Sending send(String channel, PlatformClient client, List<Item> items) {
        PlatformClient.BulkLimits limits = client.bulk().orElseThrow();
        int size = Math.max(1, limits.maxItems());
        List<Sent> sent = new ArrayList<>();
        Set<String> notSent = new LinkedHashSet<>();
        String error = null;
        for (int i = 0; i < items.size(); i += size) {
            List<Item> chunk = items.subList(i, Math.min(items.size(), i + size));
            if (error != null) {
                chunk.forEach(item -> notSent.add(item.sku()));
                continue;
            }
            try {
                PlatformClient.BulkSubmission submission = client.submitBulk(chunk.stream()
                        .map(item -> new PlatformClient.QuantityUpdate(item.sku(), item.quantity())).toList());
                notSent.addAll(submission.rejected().keySet());
                List<Item> carried = chunk.stream().filter(item -> !submission.rejected().containsKey(item.sku()))
                        .toList();
                if (submission.reference() != null && !carried.isEmpty()) {
                    sent.add(new Sent(submission.reference(), List.copyOf(chunk),
                            Set.copyOf(submission.rejected().keySet())));
                }
            } catch (ConnectorException e) {
                error = e.getMessage();
                if (e instanceof ConnectorException.Unauthorized) accounts.refused(channel, e.getMessage());
                else if (!(e instanceof ConnectorException.Throttled)) accounts.failed(channel, e.getMessage());
                chunk.forEach(item -> notSent.add(item.sku()));
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                accounts.failed(channel, "the bulk submission failed: " + error);
                chunk.forEach(item -> notSent.add(item.sku()));
            }
        }
        if (!sent.isEmpty()) accounts.succeeded(channel);
        return new Sending(sent, notSent, error);
    }

    /**
     * Records the submissions and schedules their follow-up, in the caller's transaction (so the
     * drift rows pointing at them are there before the job can look).
     *
     * @return the bulk pushes' ids, in the order of {@code sent}
     */
    List<Long> record(String channel, String platform, String purpose, List<Sent> sent) {
        Instant now = clock.instant();
        List<Long> ids = new ArrayList<>();
        for (Sent s : sent) {
            ArrayNode items = JSON.createArrayNode();
            for (Item item : s.items()) {
                items.addObject().put("sku", item.sku()).put("quantity", item.quantity()).put("seq", item.seq())
                        .put("sent", !s.notSent().contains(item.sku()));
            }
            Instant next = now.plus(properties.bulkFollowAfter(1));
            Long id = jdbc.queryForObject("""
                    insert into connector_bulk_push (channel, platform, purpose, reference, status, items, item_count,
                        submitted_at, next_attempt_at)
                    values (?, ?, ?, ?, 'SUBMITTED', ?::jsonb, ?, ?, ?) returning id
                    """, Long.class, channel, platform, purpose, s.reference(), JSON.writeValueAsString(items),
                    s.items().size() - s.notSent().size(), Timestamp.from(now), Timestamp.from(next));
            scheduler.scheduleIfNotExists(JOB.instance(String.valueOf(id)).scheduledTo(next));
            ids.add(id);
            log.info("Channel {}: {} SKUs submitted to {} in bulk ({}), reference {}", channel,
                    s.items().size() - s.notSent().size(),
                    platform, purpose, s.reference());
        }
        return ids;
    }

    /**
     * Every mapped SKU of the channel with its current value (the feed's, 0 at or below the safety
     * floor): through the platform's bulk path where it has one, else every SKU through the
     * channel's sender ({@link MarketplaceAdapters#pushAgain}).
     */
    public FullPush fullPush(String channel) {
        network.requireChannel(channel);
        ConnectorAccounts.Session session = accounts.session(channel)
                .orElseThrow(() -> new NotFoundException("No connector on channel '" + channel + "'."));
        Map<String, FeedEntry> feed = feeds.current(channel);
        List<String> mapped = jdbc.queryForList("select sku from connector_item where channel = ? order by sku",
                String.class, channel).stream().filter(feed::containsKey).toList();
        if (!hasBulk(session.client())) {
            int queued = adapters.pushAgain(channel, mapped).size();
            log.info("Channel {}: full push of {} SKUs through the channel's sender", channel, queued);
            return new FullPush(channel, "QUEUED", mapped.size(), List.of(), queued, null);
        }
        int floor = adapters.find(channel).map(ChannelAdapter::safetyFloor).orElse(0);
        List<Item> items = mapped.stream().map(sku -> {
            FeedEntry e = feed.get(sku);
            return new Item(sku, e.ats() <= floor ? 0 : e.ats(), e.seq());
        }).toList();
        Sending sending = send(channel, session.client(), items);
        String platform = session.connector().platform().name();
        return tx.execute(t -> {
            List<Long> ids = record(channel, platform, FULL_PUSH, sending.sent());
            int queued = sending.notSent().isEmpty() ? 0 : adapters.pushAgain(channel, sending.notSent()).size();
            List<BulkPush> pushes = ids.stream().map(this::find).flatMap(Optional::stream).toList();
            return new FullPush(channel, "BULK", mapped.size(), pushes, queued, sending.error());
        });
    }

    /** One look at a bulk push, run by the job {@value #TASK}: outside any transaction, its outcome recorded in one. */
    Next follow(long id) {
        Optional<Row> found = row(id, false);
        if (found.isEmpty() || !found.get().status().equals("SUBMITTED")) return Next.DONE;
        Row row = found.get();
        Instant now = clock.instant();
        boolean late = !now.isBefore(row.submittedAt().plus(properties.bulkGiveUp()));
        Optional<ConnectorAccounts.Session> session = accounts.session(row.channel());
        if (session.isEmpty() || !hasBulk(session.get().client())) {
            return failed(row, "the channel " + row.channel() + " has no connector with a bulk path any more", false);
        }
        List<PlatformClient.QuantityUpdate> submitted = row.items().stream()
                .map(item -> new PlatformClient.QuantityUpdate(item.sku(), item.quantity())).toList();
        PlatformClient.BulkProgress progress;
        Duration wait = null;
        try {
            progress = session.get().client().followBulk(row.reference(), submitted);
        } catch (ConnectorException.Throttled e) {
            progress = null;
            wait = e.retryAfter();
        } catch (ConnectorException e) {
            if (e instanceof ConnectorException.Unauthorized) accounts.refused(row.channel(), e.getMessage());
            else accounts.failed(row.channel(), e.getMessage());
            progress = null;
        } catch (RuntimeException e) {
            log.warn("Bulk push {} of channel {}: looking at it failed: {}", id, row.channel(), e.toString());
            progress = null;
        }
        if (progress != null && progress.status() == PlatformClient.BulkProgress.Status.DONE) return done(row, progress);
        if (progress != null && progress.status() == PlatformClient.BulkProgress.Status.FAILED) {
            return failed(row, progress.message() == null ? "the platform gave up on it" : progress.message(), true);
        }
        int looks = row.attempts() + 1;
        if (late) {
            return failed(row, "not finished " + properties.bulkGiveUp().toMinutes() + " minutes after its submission ("
                    + looks + " looks)", true);
        }
        Instant next = now.plus(wait != null ? wait : properties.bulkFollowAfter(looks));
        jdbc.update("update connector_bulk_push set attempts = ?, next_attempt_at = ? where id = ? and status = 'SUBMITTED'",
                looks, Timestamp.from(next), id);
        return new Next(next);
    }

    /** The platform's answer: the rejected and the outdated SKUs go to the sender again, the rest is confirmed. */
    private Next done(Row before, PlatformClient.BulkProgress progress) {
        Map<String, FeedEntry> feed = feeds.current(before.channel());
        return tx.execute(t -> {
            Optional<Row> locked = row(before.id(), true);
            if (locked.isEmpty() || !locked.get().status().equals("SUBMITTED")) return Next.DONE;
            Row row = locked.get();
            Instant now = clock.instant();
            Set<String> accepted = new HashSet<>(progress.accepted());
            Set<String> again = new LinkedHashSet<>();
            List<String> confirmed = new ArrayList<>();
            for (Item item : row.items()) {
                if (row.notSent().contains(item.sku())) continue; // went to the sender when it was submitted
                FeedEntry current = feed.get(item.sku());
                boolean moved = current != null && current.seq() > item.seq();
                if (progress.rejected().containsKey(item.sku()) || !accepted.contains(item.sku()) || moved) {
                    again.add(item.sku());
                } else {
                    confirmed.add(item.sku());
                }
            }
            Map<String, Long> seqs = again.isEmpty() ? Map.of() : adapters.pushAgain(row.channel(), again);
            jdbc.update("""
                    update connector_drift set corrected_at = ?
                    where bulk_push_id = ? and corrected_at is null and sku = any (?)
                    """, Timestamp.from(now), row.id(), confirmed.toArray(String[]::new));
            correctByTheSender(row.id(), seqs);
            String message = null;
            Map<String, String> rejected = new LinkedHashMap<>();
            for (Item item : row.items()) {
                if (row.notSent().contains(item.sku())) continue;
                String why = progress.rejected().get(item.sku());
                if (why != null) rejected.put(item.sku(), why);
            }
            if (!rejected.isEmpty()) {
                StringJoiner words = new StringJoiner("; ");
                rejected.forEach((sku, why) -> words.add(sku + ": " + why));
                message = row.platform() + " rejected " + rejected.size() + " of " + (row.items().size() - row.notSent().size())
                        + " SKUs of bulk push " + row.reference() + ": " + words;
                accounts.failed(row.channel(), message);
            } else {
                accounts.succeeded(row.channel());
                if (progress.message() != null) message = progress.message();
            }
            jdbc.update("""
                    update connector_bulk_push set status = 'DONE', finished_at = ?, next_attempt_at = null,
                        attempts = attempts + 1, rejected_count = ?, again_count = ?, message = ? where id = ?
                    """, Timestamp.from(now), rejected.size(), seqs.size(), cut(message), row.id());
            log.info("Bulk push {} of channel {} done: {} confirmed, {} rejected, {} pushed again", row.id(),
                    row.channel(), confirmed.size(), rejected.size(), seqs.size());
            return Next.DONE;
        });
    }

    /** No answer that can be counted: every SKU of it goes to the channel's sender. */
    private Next failed(Row before, String why, boolean health) {
        return tx.execute(t -> {
            Optional<Row> locked = row(before.id(), true);
            if (locked.isEmpty() || !locked.get().status().equals("SUBMITTED")) return Next.DONE;
            Row row = locked.get();
            Set<String> skus = new LinkedHashSet<>();
            row.items().stream().filter(item -> !row.notSent().contains(item.sku())).forEach(item -> skus.add(item.sku()));
            Map<String, Long> seqs = adapters.pushAgain(row.channel(), skus);
            correctByTheSender(row.id(), seqs);
            String message = row.platform() + " bulk push " + row.reference() + " failed: " + why;
            if (health) accounts.failed(row.channel(), message);
            jdbc.update("""
                    update connector_bulk_push set status = 'FAILED', finished_at = ?, next_attempt_at = null,
                        attempts = attempts + 1, again_count = ?, message = ? where id = ?
                    """, Timestamp.from(clock.instant()), seqs.size(), cut(message), row.id());
            log.warn("Bulk push {} of channel {}: {}; its {} SKUs go through the channel's sender", row.id(),
                    row.channel(), message, seqs.size());
            return Next.DONE;
        });
    }

    /** Drift rows of the bulk push whose SKU went to the sender: corrected when the sender's push is taken. */
    private void correctByTheSender(long id, Map<String, Long> seqs) {
        if (seqs.isEmpty()) return;
        List<Object[]> args = new ArrayList<>();
        seqs.forEach((sku, seq) -> args.add(new Object[] {seq, id, sku}));
        jdbc.batchUpdate("""
                update connector_drift set push_seq = ? where bulk_push_id = ? and sku = ? and corrected_at is null
                """, args);
    }

    /** The channel's latest bulk pushes, newest first. */
    static List<BulkPush> recent(JdbcTemplate jdbc, String channel, int limit) {
        return jdbc.query("""
                select id, purpose, reference, status, item_count, rejected_count, again_count, submitted_at,
                    finished_at, message
                from connector_bulk_push where channel = ? order by submitted_at desc, id desc limit ?
                """, (rs, i) -> view(rs), channel, limit);
    }

    private Optional<BulkPush> find(long id) {
        return jdbc.query("""
                select id, purpose, reference, status, item_count, rejected_count, again_count, submitted_at,
                    finished_at, message
                from connector_bulk_push where id = ?
                """, (rs, i) -> view(rs), id).stream().findFirst();
    }

    private static BulkPush view(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp(9);
        return new BulkPush(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                (Integer) rs.getObject(6), (Integer) rs.getObject(7), rs.getTimestamp(8).toInstant(),
                finished == null ? null : finished.toInstant(), rs.getString(10));
    }

    private record Row(long id, String channel, String platform, String reference, String status, List<Item> items,
                       Set<String> notSent, int attempts, Instant submittedAt) {
    }

    private Optional<Row> row(long id, boolean lock) {
        return jdbc.query("""
                select id, channel, platform, reference, status, items::text, attempts, submitted_at
                from connector_bulk_push where id = ?""" + (lock ? " for update" : ""), (rs, i) -> {
            List<Item> items = new ArrayList<>();
            Set<String> notSent = new HashSet<>();
            for (JsonNode n : JSON.readTree(rs.getString(6))) {
                items.add(new Item(n.path("sku").asString(), n.path("quantity").asInt(), n.path("seq").asLong()));
                if (!n.path("sent").asBoolean(true)) notSent.add(n.path("sku").asString());
            }
            return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), items,
                    notSent, rs.getInt(7), rs.getTimestamp(8).toInstant());
        }, id).stream().findFirst();
    }


    private static String cut(String message) {
        return message == null || message.length() <= 500 ? message : message.substring(0, 500);
    }
}
