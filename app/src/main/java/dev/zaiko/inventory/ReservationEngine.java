package dev.zaiko.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.FaultPoints;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of reservations. Requests for the same SKU queue in a lane; one worker at a
 * time drains a lane and decides everything queued, in arrival order, in ONE database
 * transaction that holds the SKU's row lock. So a flash sale on one SKU costs one transaction
 * per batch instead of one per buyer, while the lock keeps several engines (several nodes)
 * on one database correct. See docs/reservations.md.
 */
public final class ReservationEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReservationEngine.class);

    public static final int DEFAULT_MAX_BATCH = 4096;

    private final DataSource dataSource;
    private final Clock clock;
    private final int maxBatch;
    private final ExecutorService workers;
    private final Consumer<StockChanged> onStockChanged;
    private final StockStore store = new StockStore();
    private final ReservationStore reservations = new ReservationStore();
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile Consumer<SetAsideRefilled> onRefilled;

    /**
     * @param workerThreads  lanes drained at once (distinct SKUs in flight); keep below the pool size
     * @param onStockChanged called after every committed batch that changed stock (the fast path;
     *                       the batch's row in {@code inventory_stock_change}, written in its own
     *                       transaction, is what survives a crash before this call: StockChangeJournal)
     */
    public ReservationEngine(DataSource dataSource, Clock clock, int maxBatch, int workerThreads,
                             Consumer<StockChanged> onStockChanged) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.onStockChanged = onStockChanged;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "zaiko-reserve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(workerThreads, threads);
    }

    public CompletableFuture<ReservationOutcome> reserve(ReserveRequest request) {
        Reserve op = new Reserve(request, null);
        lane(request.sku()).submit(op);
        return op.result;
    }

    /**
     * A set-aside: a kept reservation only reservations naming it draw from (docs/reservations.md).
     *
     * @param id the set-aside's id, chosen by the caller so that asking again after a crash finds the
     *           one made before (answered as it is now) instead of making a second
     */
    public CompletableFuture<ReservationOutcome> setAside(ReserveRequest request, UUID id) {
        Reserve op = new Reserve(request, id);
        lane(request.sku()).submit(op);
        return op.result;
    }

    /** Ends a set-aside; the future holds the units released to sellable stock now. */
    public CompletableFuture<Integer> endSetAside(String sku, UUID setAside) {
        EndSetAside op = new EndSetAside(setAside);
        lane(sku).submit(op);
        return op.result;
    }

    /** Called after the commit of every batch that gave drawn units back to their set-aside. */
    public void onRefilled(Consumer<SetAsideRefilled> listener) {
        this.onRefilled = listener;
    }

    public CompletableFuture<ReservationChange> release(UUID reservationId) {
        return close(reservationId, true);
    }

    public CompletableFuture<ReservationChange> commit(UUID reservationId) {
        return close(reservationId, false);
    }

    /** What the sweep's {@link #expire} found. */
    public enum Expiry {
        /** the hold had run out and the reservation was open: its units are sellable again */
        RELEASED,
        /** the hold had run out, but the reservation was already closed (displaced, committed): the hold is gone */
        ALREADY_CLOSED,
        /** the hold was extended meanwhile: nothing changed */
        NOT_DUE,
        /** no hold any more (claimed, or released by another sweep): nothing changed */
        NOT_HELD
    }

    /**
     * Releases a held reservation whose hold has run out, deciding again under the SKU's lock with
     * its hold row locked: a claim, an extension or another sweep that got there first wins, so a
     * hold is released at most once however many sweeps race. Queued in the SKU's lane like any
     * release: a sweep of thousands costs one transaction per SKU and batch.
     */
    public CompletableFuture<Expiry> expire(String sku, UUID reservationId) {
        Expire op = new Expire(reservationId);
        lane(sku).submit(op);
        return op.result;
    }

    private CompletableFuture<ReservationChange> close(UUID reservationId, boolean release) {
        String sku;
        try {
            sku = skuOf(reservationId);
        } catch (SQLException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (sku == null) {
            return CompletableFuture.failedFuture(new NotFoundException("No reservation " + reservationId + "."));
        }
        Close op = new Close(reservationId, release);
        lane(sku).submit(op);
        return op.result;
    }

    private String skuOf(UUID reservationId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return reservations.skuOf(c, reservationId);
        }
    }

    private Lane lane(String sku) {
        return lanes.computeIfAbsent(sku, Lane::new);
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One SKU's queue. At most one drain of a lane is scheduled at any time. */
    private final class Lane {
        final String sku;
        final ConcurrentLinkedQueue<Op> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Lane(String sku) {
            this.sku = sku;
        }

        void submit(Op op) {
            queue.add(op);
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    workers.execute(this::drain);
                } catch (RuntimeException rejected) {
                    scheduled.set(false);
                    failAll(new IllegalStateException("The reservation engine is shut down", rejected));
                }
            }
        }

        private void drain() {
            try {
                List<Op> batch = new ArrayList<>(Math.min(maxBatch, 256));
                Op op;
                while (batch.size() < maxBatch && (op = queue.poll()) != null) batch.add(op);
                if (!batch.isEmpty()) decide(sku, batch);
            } finally {
                scheduled.set(false);
                // A request may have arrived after the poll but before the flag cleared: re-check
                // so it is never stranded. Re-scheduling (instead of looping) lets other SKUs in.
                if (!queue.isEmpty()) schedule();
            }
        }

        private void failAll(Throwable t) {
            Op op;
            while ((op = queue.poll()) != null) op.fail(t);
        }
    }

    private void decide(String sku, List<Op> batch) {
        UUID batchId = TimeOrderedIds.next();
        Instant now = clock.instant();
        List<Runnable> answers = new ArrayList<>(batch.size());
        boolean changed;
        boolean sellableRose;
        List<SetAsideRefilled> refills;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ItemFacts item = store.lockItem(c, sku);
                if (item == null) {
                    c.rollback();
                    NotFoundException unknown = new NotFoundException("No product with SKU '" + sku + "' in inventory.");
                    batch.forEach(op -> op.fail(unknown));
                    return;
                }
                Set<String> channels = new LinkedHashSet<>();
                Set<UUID> closing = new LinkedHashSet<>();
                Set<UUID> expiring = new LinkedHashSet<>();
                Set<UUID> setAsides = new LinkedHashSet<>();
                for (Op op : batch) {
                    if (op instanceof Reserve r) channels.add(r.request.channel());
                    if (op instanceof Reserve r && r.request.drawFrom() != null) setAsides.add(r.request.drawFrom());
                    if (op instanceof Reserve r && r.setAside != null) setAsides.add(r.setAside);
                    if (op instanceof Close cl) closing.add(cl.reservationId);
                    if (op instanceof Expire e) expiring.add(e.reservationId);
                    if (op instanceof EndSetAside e) setAsides.add(e.setAside);
                }
                closing.addAll(expiring);
                Set<UUID> loading = new LinkedHashSet<>(closing);
                loading.addAll(setAsides);
                StockPicture picture = store.picture(c, item, store.channelPools(c, channels), loading, false, now);
                // loaded parts say whether they belong to a set-aside in force (ReservationStore's part columns):
                // a close needs no look-up of its own, only the set-aside its reservation was drawn from, whose
                // units it gives back while that is in force
                Set<UUID> drawnFrom = picture.drawnFrom(closing);
                drawnFrom.removeAll(loading);
                if (!drawnFrom.isEmpty()) picture.adoptParts(reservations.parts(c, sku, drawnFrom));
                // a draw, a start or an end also needs to know an ended set-aside (refused, or nothing to do)
                if (!setAsides.isEmpty()) picture.knowSetAsides(reservations.lockSetAsides(c, sku, setAsides));
                // only a sweep's batch reads holds: reservations and releases never pay for them
                Holds holds = new Holds(now, expiring.isEmpty() ? Map.of() : reservations.lockHolds(c, expiring));
                String reference = "batch " + batchId;
                for (Op op : batch) {
                    answers.add(op.decide(picture, reference, holds));
                }
                changed = !picture.changes().isEmpty();
                sellableRose = picture.changes().sellableRose();
                refills = picture.changes().refills;
                if (changed) {
                    store.write(c, picture.changes(), batchId);
                    // the durable mark for channel sync, committed with the change (StockChangeJournal)
                    store.journal(c, sku, picture.changes().now(), sellableRose);
                }
                if (!holds.added.isEmpty()) reservations.insertHolds(c, sku, holds.added);
                if (!holds.dropped.isEmpty()) reservations.deleteHolds(c, holds.dropped);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                // a connection the pool closed after a fatal error (the server gone) cannot roll back:
                // the first failure is the reason, the rollback's rides along
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Reservation batch of {} for {} failed: {}", batch.size(), sku, e.toString());
            batch.forEach(op -> op.fail(e));
            return;
        }
        // A crash here loses only the hand-over below: the change and its journal row are committed.
        // (A batch that changed nothing, such as a refused reservation, has nothing to lose here.)
        if (changed) FaultPoints.reach("after-batch-commit");
        // Answer only after the commit: a caller told "reserved" can rely on it surviving a crash.
        answers.forEach(Runnable::run);
        if (changed && onStockChanged != null) {
            try {
                onStockChanged.accept(new StockChanged(sku, sellableRose));
            } catch (RuntimeException e) {
                log.warn("Stock change listener failed for {}", sku, e);
            }
        }
        Consumer<SetAsideRefilled> refilled = onRefilled;
        if (refilled != null) {
            for (SetAsideRefilled event : refills) {
                try {
                    refilled.accept(event);
                } catch (RuntimeException e) {
                    log.warn("Set-aside refill listener failed for {}", sku, e);
                }
            }
        }
    }

    /** The holds a batch reads (a sweep's, locked), adds (held reservations) and drops (closed or expired). */
    static final class Holds {
        final Instant now;
        final Map<UUID, Instant> locked;
        final Map<UUID, Instant> added = new LinkedHashMap<>();
        final Set<UUID> dropped = new LinkedHashSet<>();

        Holds(Instant now, Map<UUID, Instant> locked) {
            this.now = now;
            this.locked = locked;
        }
    }

    private abstract static sealed class Op permits Reserve, Close, Expire, EndSetAside {
        /** Decides against the picture and returns how to answer the caller once committed. */
        abstract Runnable decide(StockPicture picture, String reference, Holds holds);

        abstract void fail(Throwable t);
    }

    private static final class Reserve extends Op {
        final ReserveRequest request;
        /** the id of the set-aside to make, or null for a reservation */
        final UUID setAside;
        final CompletableFuture<ReservationOutcome> result = new CompletableFuture<>();

        Reserve(ReserveRequest request, UUID setAside) {
            this.request = request;
            this.setAside = setAside;
        }

        @Override
        Runnable decide(StockPicture picture, String reference, Holds holds) {
            if (picture.channel(request.channel()) == null) {
                NotFoundException e = new NotFoundException("No channel '" + request.channel() + "'.");
                return () -> result.completeExceptionally(e);
            }
            ReservationOutcome outcome = setAside != null ? picture.setAside(request, setAside, reference)
                    : picture.reserve(request, TimeOrderedIds.next(), reference);
            if (outcome.reserved() && request.hold() != null) {
                holds.added.put(outcome.reservationId(), holds.now.plus(request.hold()));
            }
            return () -> result.complete(outcome);
        }

        @Override
        void fail(Throwable t) {
            result.completeExceptionally(t);
        }
    }

    private static final class Close extends Op {
        final UUID reservationId;
        final boolean release;
        final CompletableFuture<ReservationChange> result = new CompletableFuture<>();

        Close(UUID reservationId, boolean release) {
            this.reservationId = reservationId;
            this.release = release;
        }

        @Override
        Runnable decide(StockPicture picture, String reference, Holds holds) {
            if (!picture.knows(reservationId)) {
                NotFoundException e = new NotFoundException("No reservation " + reservationId + ".");
                return () -> result.completeExceptionally(e);
            }
            String refusal = release ? picture.release(reservationId) : picture.commit(reservationId);
            if (refusal == null) holds.dropped.add(reservationId); // its hold, if it had one, ends with it
            ReservationChange change = new ReservationChange(reservationId, refusal == null, refusal);
            return () -> result.complete(change);
        }

        @Override
        void fail(Throwable t) {
            result.completeExceptionally(t);
        }
    }

    private static final class Expire extends Op {
        final UUID reservationId;
        final CompletableFuture<Expiry> result = new CompletableFuture<>();

        Expire(UUID reservationId) {
            this.reservationId = reservationId;
        }

        @Override
        Runnable decide(StockPicture picture, String reference, Holds holds) {
            Instant expiresAt = holds.locked.get(reservationId);
            Expiry expiry;
            if (expiresAt == null || holds.dropped.contains(reservationId)) {
                expiry = Expiry.NOT_HELD;
            } else if (expiresAt.isAfter(holds.now)) {
                expiry = Expiry.NOT_DUE;
            } else {
                holds.dropped.add(reservationId);
                expiry = picture.knows(reservationId) && picture.expire(reservationId) == null
                        ? Expiry.RELEASED : Expiry.ALREADY_CLOSED;
            }
            return () -> result.complete(expiry);
        }

        @Override
        void fail(Throwable t) {
            result.completeExceptionally(t);
        }
    }

    private static final class EndSetAside extends Op {
        final UUID setAside;
        final CompletableFuture<Integer> result = new CompletableFuture<>();

        EndSetAside(UUID setAside) {
            this.setAside = setAside;
        }

        @Override
        Runnable decide(StockPicture picture, String reference, Holds holds) {
            int units = picture.endSetAside(setAside, reference);
            if (units < 0) {
                NotFoundException e = new NotFoundException("No set-aside " + setAside + ".");
                return () -> result.completeExceptionally(e);
            }
            return () -> result.complete(units);
        }

        @Override
        void fail(Throwable t) {
            result.completeExceptionally(t);
        }
    }

    static ConflictException notApplied(ReservationChange change) {
        return new ConflictException("reservation-closed", change.refusal());
    }
}
