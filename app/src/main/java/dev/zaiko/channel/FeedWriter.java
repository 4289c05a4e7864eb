package dev.zaiko.channel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.zaiko.inventory.ChannelStock;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.FollowingStockChanges;
import dev.zaiko.inventory.StockChanged;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code channel_feed} up to date. A stock change only marks its SKU in
 * {@code channel_dirty} (one row write in the change's own transaction; the reservation engine's
 * batches are handed over in memory and marked by this writer's thread at once, so the engine's
 * worker never waits) and wakes this writer after the commit. Because a hand-over in memory dies
 * with the process, the writer also follows the inventory's stock change journal
 * ({@link FollowingStockChanges}, one row per engine batch written in the batch's transaction): before
 * every round and at start it marks every SKU journaled since its cursor
 * ({@code channel_stock_change_cursor}), moving the cursor in the same transaction as the marks, so
 * an engine batch that committed is marked even if its process died right after the commit. The writer, on a thread of its own, lets changes gather for
 * {@link ChannelSyncProperties#coalesce}, then computes every marked SKU on every channel in one
 * read of its stock and writes the rows whose ATS or level changed, each with the next
 * {@code channel_feed_seq}. A mark is removed only if no newer one came while computing, so a
 * change is never missed; marks survive a restart and the writer also looks every
 * {@link ChannelSyncProperties#poll}. Rounds take a transaction-scoped advisory lock, so with
 * several instances one writes at a time and sequence numbers are committed in order (a reader
 * after a cursor never skips an entry).
 */
@Component
class FeedWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedWriter.class);
    /** The advisory lock of the feed writer ("ZKFEED"). */
    private static final long LOCK = 0x5a4b46454544L;
    private static final int SKUS_PER_ROUND = 200;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate perSku;
    private final CheckingAvailability availability;
    private final FollowingStockChanges journal;
    private final ChannelSyncProperties properties;
    private final Clock clock;
    private final Signal wake = new Signal();
    private final Signal written = new Signal();
    private final Timer propagation;
    private final Map<String, Instant> handedOver = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    FeedWriter(JdbcTemplate jdbc, PlatformTransactionManager transactions, CheckingAvailability availability,
               FollowingStockChanges journal, ChannelSyncProperties properties, Clock clock, MeterRegistry meters) {
        this.journal = journal;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.perSku = new TransactionTemplate(transactions);
        this.perSku.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.availability = availability;
        this.properties = properties;
        this.clock = clock;
        this.propagation = Timer.builder("zaiko.channel.propagation").tag("stage", "feed")
                .description("From a stock change to its channel feed entry").register(meters);
    }

    private static final String MARK = """
            insert into channel_dirty (sku, mark, marked_at) values (?, nextval('channel_dirty_mark'), ?)
            on conflict (sku) do update set mark = excluded.mark,
                marked_at = least(channel_dirty.marked_at, excluded.marked_at)
            """;

    /**
     * Inside the announcer's transaction, marks the SKU there (the mark commits with the change) and
     * wakes the writer after the commit. Outside one (the reservation engine, after its batch
     * committed) only hands the SKU to the writer, which marks it at once on its own thread: the
     * engine's worker never waits for a write of channel sync.
     */
    @EventListener
    void on(StockChanged event) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            jdbc.update(MARK, event.sku(), Timestamp.from(clock.instant()));
            AfterCommit.run(wake::raise);
        } else {
            handedOver.put(event.sku(), clock.instant());
            wake.raise();
        }
    }

    /** Turns the SKUs the engine handed over into marks; on failure they stay for the next try. */
    private void markHandedOver() {
        if (handedOver.isEmpty()) return;
        List<Object[]> marks = new ArrayList<>();
        for (String sku : List.copyOf(handedOver.keySet())) {
            Instant at = handedOver.remove(sku);
            if (at != null) marks.add(new Object[] {sku, Timestamp.from(at)});
        }
        marks.sort(java.util.Comparator.comparing(m -> (String) m[0])); // one lock order across writers
        try {
            jdbc.batchUpdate(MARK, marks);
        } catch (RuntimeException e) {
            marks.forEach(m -> handedOver.merge((String) m[0], ((Timestamp) m[1]).toInstant(),
                    (a, b) -> a.isBefore(b) ? a : b));
            throw e;
        }
    }

    /**
     * Marks every SKU the inventory journaled since the cursor and moves the cursor, in one
     * transaction: a change is either marked (and the mark stays until a round computed it) or still
     * after the cursor. The journal is read first, before this transaction writes anything. Several
     * instances may do this at once: marks are idempotent and the cursor only moves forward.
     *
     * @return how many SKUs were marked
     */
    int followJournal() {
        Integer marked = tx.execute(t -> {
            long position = jdbc.queryForObject("select position from channel_stock_change_cursor where id = 1",
                    Long.class);
            FollowingStockChanges.Changes changes = journal.since(position);
            if (changes.skus().isEmpty()) return 0; // nothing to mark: no write, the cursor may stay
            List<Object[]> marks = new ArrayList<>(changes.skus().size());
            for (FollowingStockChanges.ChangedSku changed : changes.skus()) {
                marks.add(new Object[] {changed.sku(), Timestamp.from(changed.since())});
            }
            marks.sort(java.util.Comparator.comparing(m -> (String) m[0])); // the one lock order of every marker
            jdbc.batchUpdate(MARK, marks);
            jdbc.update("update channel_stock_change_cursor set position = greatest(position, ?), updated_at = ? "
                    + "where id = 1", changes.next(), Timestamp.from(clock.instant()));
            return marks.size();
        });
        return marked == null ? 0 : marked;
    }

    /** Raised after every round that wrote feed entries (long polls listen). */
    Signal written() {
        return written;
    }

    /** Runs after every round that wrote feed entries, on the writer's thread: must only hand over. */
    void onWritten(Runnable listener) {
        listeners.add(listener);
    }

    private void loop() {
        long coalesce = properties.coalesce().toMillis();
        while (running) {
            try {
                wake.await(properties.poll().toMillis());
                markHandedOver();
                if (!running) return;
                if (coalesce > 0) {
                    // let a burst gather: marks arriving now are folded into this round
                    Signal gather = new Signal();
                    gather.await(coalesce);
                }
                markHandedOver();
                try {
                    followJournal(); // engine batches whose hand-over was lost (a crash): usually nothing new
                } catch (RuntimeException e) {
                    log.warn("Channel feed: could not follow the stock change journal, the next round tries again: {}",
                            e.toString());
                }
                while (running && round()) {
                    // more marked SKUs than one round takes: go on at once
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Channel feed round failed, the next one tries again: {}", e.toString());
            }
        }
    }

    record Mark(String sku, long mark, Instant markedAt) {
    }

    record Row(String channel, String sku, int ats, String level) {
    }

    /** One round; true when it took a full round's worth of SKUs (more may wait). */
    boolean round() {
        record Outcome(int skus, int written) {
        }
        Outcome outcome = tx.execute(t -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                wake.raise(); // another instance writes now: look again after the coalescing wait
                return new Outcome(0, 0);
            }
            List<Mark> marks = jdbc.query("select sku, mark, marked_at from channel_dirty order by mark limit ?",
                    (rs, i) -> new Mark(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()), SKUS_PER_ROUND);
            int count = 0;
            Instant now = clock.instant();
            List<Mark> done = new ArrayList<>();
            for (Mark mark : marks) {
                try {
                    // a savepoint per SKU: one that fails keeps its mark and holds up no other
                    Integer written = perSku.execute(n -> write(mark.sku(), compute(mark.sku()), now));
                    count += written == null ? 0 : written;
                    done.add(mark);
                } catch (RuntimeException e) {
                    log.warn("Channel values of {} could not be written; its mark stays: {}", mark.sku(), e.toString());
                }
            }
            // in SKU order, the order in which a stock change of several SKUs (a packing) marks them:
            // in mark order this round and such a change could wait on each other's rows (a deadlock)
            done.sort(java.util.Comparator.comparing(Mark::sku));
            for (Mark mark : done) {
                jdbc.update("delete from channel_dirty where sku = ? and mark = ?", mark.sku(), mark.mark());
                Duration delay = Duration.between(mark.markedAt(), clock.instant());
                if (!delay.isNegative()) propagation.record(delay);
            }
            return new Outcome(marks.size(), count);
        });
        if (outcome != null && outcome.written() > 0) {
            written.raise();
            listeners.forEach(Runnable::run);
        }
        return outcome != null && outcome.skus() >= SKUS_PER_ROUND;
    }

    /**
     * Gives the channel's current feed entries of these SKUs a new sequence number, value unchanged,
     * so that whatever follows the feed after a cursor (the channel's marketplace sender, webhooks)
     * sends them again, in order with every other change: a drift found on a platform is corrected
     * by the channel's own sender, never by a second writer that could send an older value after a
     * newer one. Under the writer's lock, so sequence numbers still commit in order.
     *
     * @return SKU -> its new seq, for the SKUs the feed has on the channel
     */
    Map<String, Long> resequence(String channel, java.util.Collection<String> skus) {
        if (skus.isEmpty()) return Map.of();
        String[] array = skus.stream().sorted().distinct().toArray(String[]::new);
        Map<String, Long> seqs = new HashMap<>();
        tx.executeWithoutResult(t -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, LOCK);
            jdbc.query("""
                    update channel_feed set seq = nextval('channel_feed_seq')
                    where channel = ? and sku = any(?) returning sku, seq
                    """, rs -> {
                seqs.put(rs.getString(1), rs.getLong(2));
            }, channel, array);
        });
        if (!seqs.isEmpty()) {
            written.raise();
            listeners.forEach(Runnable::run);
        }
        return seqs;
    }

    /**
     * {@link #resequence} for the SKUs whose current feed entry is still the one with the given seq:
     * a SKU whose value changed (or was sent again) since keeps its newer entry, which is sent anyway.
     *
     * @param seqs SKU -> the seq of the entry a push carried
     * @return SKU -> its new seq, for the SKUs resequenced
     */
    Map<String, Long> resequenceUnchanged(String channel, Map<String, Long> seqs) {
        if (seqs.isEmpty()) return Map.of();
        List<String> skus = seqs.keySet().stream().sorted().toList();
        String[] skuArray = skus.toArray(String[]::new);
        Long[] seqArray = skus.stream().map(seqs::get).toArray(Long[]::new);
        Map<String, Long> resequenced = new HashMap<>();
        tx.executeWithoutResult(t -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, LOCK);
            jdbc.query("""
                    update channel_feed f set seq = nextval('channel_feed_seq')
                    from unnest(?::text[], ?::bigint[]) as pushed(sku, seq)
                    where f.channel = ? and f.sku = pushed.sku and f.seq = pushed.seq returning f.sku, f.seq
                    """, rs -> {
                resequenced.put(rs.getString(1), rs.getLong(2));
            }, skuArray, seqArray, channel);
        });
        if (!resequenced.isEmpty()) {
            written.raise();
            listeners.forEach(Runnable::run);
        }
        return resequenced;
    }

    private List<ChannelStock> compute(String sku) {
        try {
            return availability.everyChannel(sku);
        } catch (NotFoundException e) {
            return List.of(); // not an inventory item (any more): nothing to tell
        }
    }

    /** Writes the SKU's channel values that changed; a channel never stocked that has none is left out. */
    private int write(String sku, List<ChannelStock> values, Instant now) {
        Map<String, Row> stored = new HashMap<>();
        jdbc.query("select channel, ats, level from channel_feed where sku = ?", rs -> {
            stored.put(rs.getString(1), new Row(rs.getString(1), sku, rs.getInt(2), rs.getString(3)));
        }, sku);
        List<Object[]> changed = new ArrayList<>();
        Timestamp at = Timestamp.from(now);
        for (ChannelStock v : values) {
            Row before = stored.get(v.channel());
            boolean same = before == null
                    ? v.ats() == 0 && v.level().name().equals("OUT_OF_STOCK")
                    : before.ats() == v.ats() && before.level().equals(v.level().name());
            if (!same) changed.add(new Object[] {v.channel(), sku, v.ats(), v.level().name(), at});
        }
        if (changed.isEmpty()) return 0;
        jdbc.batchUpdate("""
                insert into channel_feed (channel, sku, ats, level, seq, changed_at)
                values (?, ?, ?, ?, nextval('channel_feed_seq'), ?)
                on conflict (channel, sku) do update set ats = excluded.ats, level = excluded.level,
                    seq = excluded.seq, changed_at = excluded.changed_at
                """, changed);
        return changed.size();
    }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        thread = new Thread(this::loop, "zaiko-channel-feed");
        thread.setDaemon(true);
        baseline();
        followAtStart();
        thread.start();
        wake.raise(); // marks left from before a restart
    }

    /**
     * A feed that was never written (stock that existed before channel sync, an upgrade) gets every
     * SKU's current value once, so channels and new webhooks start from the full picture.
     */
    private void baseline() {
        try {
            boolean empty = Boolean.TRUE.equals(jdbc.queryForObject(
                    "select not exists (select 1 from channel_feed) and not exists (select 1 from channel_dirty)",
                    Boolean.class));
            if (!empty) return;
            Instant now = clock.instant();
            List<String> skus = availability.skus();
            skus.forEach(sku -> handedOver.putIfAbsent(sku, now));
            if (!skus.isEmpty()) log.info("Channel feed: first full picture of {} SKUs", skus.size());
        } catch (RuntimeException e) {
            log.warn("Channel feed: could not read the stock for a first full picture; changes still arrive", e);
        }
    }

    /**
     * Before anything else runs (the job that prunes the journal starts once the application is
     * ready), marks what the journal holds since the cursor: the engine batches of a process that
     * died before its hand-over. The loop does it again before every round, should this fail.
     */
    private void followAtStart() {
        try {
            int marked = followJournal();
            if (marked > 0) log.info("Channel feed: {} SKUs changed since the last completed pick-up marked", marked);
        } catch (RuntimeException e) {
            log.warn("Channel feed: could not read the stock change journal at start; the next round tries again: {}",
                    e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) return;
        running = false;
        wake.raise();
        try {
            thread.join(properties.requestTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the database and the job scheduler go away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 256;
    }
}
