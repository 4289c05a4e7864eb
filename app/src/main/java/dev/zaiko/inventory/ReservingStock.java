package dev.zaiko.inventory;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reserve, release and commit (ship) stock for a channel through the {@link ReservationEngine}.
 * Each call is its own durable transaction, shared with whatever else is queued for the SKU.
 */
@Component
public class ReservingStock implements DisposableBean {

    private final ReservationEngine engine;
    private final StockNetwork network;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration hold;

    ReservingStock(DataSource dataSource, Clock clock, StockNetwork network, JdbcTemplate jdbc,
                   ApplicationEventPublisher events, ReservationHoldProperties holds,
                   @Value("${zaiko.reservations.max-batch:" + ReservationEngine.DEFAULT_MAX_BATCH + "}") int maxBatch,
                   @Value("${zaiko.reservations.workers:8}") int workers) {
        this.engine = new ReservationEngine(dataSource, clock, maxBatch, workers,
                events::publishEvent);
        this.network = network;
        this.jdbc = jdbc;
        this.clock = clock;
        this.hold = holds.reservationHold();
    }

    ReservationEngine engine() {
        return engine;
    }

    /** {@code zaiko.inventory.reservation-hold}: how long an unclaimed reservation is held. */
    public Duration defaultHold() {
        return hold;
    }

    public CompletableFuture<ReservationOutcome> reserveAsync(ReserveRequest request) {
        return engine.reserve(request);
    }

    /**
     * Reserves for something the caller records afterwards in a transaction of its own (an order,
     * a filled backorder, a substitute line): the reservation is held for
     * {@code zaiko.inventory.reservation-hold} and released by the sweep unless that transaction
     * {@link #claim claims} it. So a crash between reserving and recording strands nothing.
     */
    public CompletableFuture<ReservationOutcome> reserveUntilClaimedAsync(ReserveRequest request) {
        return engine.reserve(request.heldFor(hold));
    }

    /** {@link #reserveUntilClaimedAsync}, waiting for the batch to commit. */
    public ReservationOutcome reserveUntilClaimed(ReserveRequest request) {
        network.requireChannel(request.channel());
        return await(engine.reserve(request.heldFor(hold)));
    }

    /**
     * Claims held reservations in the caller's transaction, which records what they are for: from
     * its commit on they are kept until released or committed, and never expire. One statement for
     * all of them. If a hold already ran out and the sweep released the reservation (the caller was
     * slower than the hold), nothing is claimed: the caller's transaction must roll back.
     *
     * @throws ConflictException {@code reservation-expired} when a reservation is no longer held
     * @throws IllegalStateException outside a transaction (the claim would not be atomic with the record)
     */
    public void claim(Collection<UUID> reservationIds) {
        if (reservationIds.isEmpty()) return;
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A claim belongs in the transaction that records the reservations");
        }
        Set<UUID> ids = new LinkedHashSet<>(reservationIds);
        List<UUID> claimed = jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "delete from inventory_reservation_hold where id = any(?) returning id");
            ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
            return ps;
        }, (rs, i) -> rs.getObject(1, UUID.class));
        if (claimed.size() != ids.size()) {
            List<UUID> lost = ids.stream().filter(id -> !claimed.contains(id)).toList();
            throw new ConflictException("reservation-expired", "Reservation(s) " + lost + " are no longer held: "
                    + "their hold ran out before they were claimed, and the units went back on sale. Nothing was "
                    + "recorded; try again.", Map.of("reservationIds", lost.stream().map(UUID::toString).toList()));
        }
    }

    /**
     * Holds an open, held reservation for {@code holdFor} from now (an API client still deciding).
     *
     * @throws ConflictException {@code reservation-not-held} when it is closed, or kept without a hold
     */
    public Reservation extend(UUID reservationId, Duration holdFor) {
        Instant until = clock.instant().plus(holdFor);
        int updated = jdbc.update("update inventory_reservation_hold h set expires_at = ? where h.id = ? and exists ("
                + "select 1 from inventory_reservation r where r.id = h.id and r.status = 'OPEN')",
                Timestamp.from(until), reservationId);
        if (updated == 0) {
            Reservation reservation = find(reservationId)
                    .orElseThrow(() -> new NotFoundException("No reservation " + reservationId + "."));
            throw new ConflictException("reservation-not-held", "Reservation " + reservationId + " is "
                    + reservation.status() + (reservation.status() == ReservationStatus.OPEN
                    ? " and kept by its owner without a hold" : "") + "; only an open, held reservation can be "
                    + "held longer.", Map.of("reservationId", reservationId.toString(),
                    "reservationStatus", reservation.status().name()));
        }
        return find(reservationId).orElseThrow();
    }

    /** Never refuses by exception for lack of stock: the outcome says reserved or not, and why. */
    public ReservationOutcome reserve(ReserveRequest request) {
        network.requireChannel(request.channel());
        return await(engine.reserve(request));
    }

    /** @throws dev.zaiko.platform.ConflictException if the reservation is no longer open */
    public Reservation release(UUID reservationId) {
        ReservationChange change = await(engine.release(reservationId));
        if (!change.applied()) throw ReservationEngine.notApplied(change);
        return find(reservationId).orElseThrow();
    }

    public Reservation commit(UUID reservationId) {
        ReservationChange change = await(engine.commit(reservationId));
        if (!change.applied()) throw ReservationEngine.notApplied(change);
        return find(reservationId).orElseThrow();
    }

    public Optional<Reservation> find(UUID id) {
        return Reservations.load(jdbc, "where id = ?", id).stream().findFirst();
    }

    /** Reservations whose units were taken and that no other location could cover. */
    public List<Reservation> displaced(String sku) {
        return Reservations.load(jdbc, "where id in (select id from inventory_reservation where status = 'DISPLACED'"
                + " and (?::text is null or sku = ?))", sku, sku);
    }

    @Override
    public void destroy() {
        engine.close();
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the reservation engine", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new CompletionException(e.getCause());
        }
    }

    /** Reads reservations with their parts. */
    static final class Reservations {
        private Reservations() {
        }

        static List<Reservation> load(JdbcTemplate jdbc, String where, Object... args) {
            Map<UUID, List<Object[]>> rows = new LinkedHashMap<>();
            jdbc.query("select r.id, r.part, r.sku, r.channel, r.location, r.quantity, r.status, r.holder, r.segment, "
                    + "r.created_at, h.expires_at from (select * from inventory_reservation " + where + ") r "
                    + "left join inventory_reservation_hold h on h.id = r.id order by r.created_at, r.id, r.part", rs -> {
                UUID id = rs.getObject(1, UUID.class);
                Timestamp expires = rs.getTimestamp(11);
                rows.computeIfAbsent(id, k -> new ArrayList<>()).add(new Object[] {
                        rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                        expires == null ? null : expires.toInstant()});
            }, args);
            List<Reservation> result = new ArrayList<>();
            rows.forEach((id, parts) -> {
                Object[] first = parts.get(0);
                List<ReservationPart> ps = parts.stream().map(p -> new ReservationPart((Integer) p[0], (String) p[3],
                        (Integer) p[4], ReservationStatus.valueOf((String) p[5]))).toList();
                Reservation r = new Reservation(id, (String) first[1], (String) first[2], (String) first[6],
                        (String) first[7], ps, (Instant) first[8], (Instant) first[9]);
                // a hold outlives a reservation closed outside the engine (displaced) until the sweep drops it
                result.add(r.status() == ReservationStatus.OPEN ? r : new Reservation(r.id(), r.sku(), r.channel(),
                        r.holder(), r.segment(), r.parts(), r.createdAt(), null));
            });
            return result;
        }
    }
}
