package dev.zaiko.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
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
    private final ReservationStore reservations = new ReservationStore();

    ReservingStock(DataSource dataSource, Clock clock, StockNetwork network, JdbcTemplate jdbc,
                   ApplicationEventPublisher events, ReservationHoldProperties holds,
                   @Value("${zaiko.reservations.max-batch:" + ReservationEngine.DEFAULT_MAX_BATCH + "}") int maxBatch,
                   @Value("${zaiko.reservations.workers:8}") int workers) {
        this.engine = new ReservationEngine(dataSource, clock, maxBatch, workers,
                events::publishEvent);
        this.engine.onRefilled(events::publishEvent);
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

    /**
     * How long a cart's reservation on the channel is held when its maker does not say: the
     * channel's {@link Channel#cartHold}, else {@code zaiko.inventory.reservation-hold}.
     *
     * @throws NotFoundException unknown channel
     */
    public Duration cartHold(String channel) {
        Duration cartHold = network.requireChannel(channel).cartHold();
        return cartHold == null ? hold : cartHold;
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
        List<UUID> claimed = reservations.claimHolds(jdbc, ids);
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
        if (!reservations.extendHold(jdbc, reservationId, until)) {
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

    /**
     * Sets units aside from the channel's pool for a purpose that sells them on its own terms (a
     * deal's quantity): a kept reservation whose units no plain reservation can take, and that only
     * reservations naming it ({@link ReserveRequest#drawnFrom}) draw from. Refused, like any
     * reservation, when the channel cannot take that many.
     *
     * @param request a request without hold, location or set-aside of its own
     */
    public ReservationOutcome setAside(ReserveRequest request) {
        return setAside(request, TimeOrderedIds.next());
    }

    /**
     * {@link #setAside(ReserveRequest)} with the id the caller chose for it (say, derived from what it
     * is for): asked again with the same id, after a crash between the set-aside and the caller's own
     * record of it, it answers the set-aside made before, as it is now, and makes no second one.
     */
    public ReservationOutcome setAside(ReserveRequest request, UUID id) {
        if (request.hold() != null || request.fromLocation() != null || request.drawFrom() != null) {
            throw new IllegalArgumentException("A set-aside is kept and taken from the channel's pool");
        }
        network.requireChannel(request.channel());
        return await(engine.setAside(request, id));
    }

    /** What became of the units drawn from a set-aside, counted in one statement. */
    public DrawnUnits drawnUnits(UUID setAside) {
        return reservations.drawnUnits(jdbc, setAside);
    }

    /** The units still open in a set-aside (not drawn, not ended). */
    public int setAsideUnits(UUID setAside) {
        return reservations.setAsideUnits(jdbc, setAside);
    }

    /**
     * Ends a set-aside: its open units become sellable stock, and units drawn from it that come back
     * later go to sellable stock too. Ending an ended set-aside changes nothing.
     *
     * @return the units that went back to sellable stock now
     */
    public int endSetAside(UUID setAside) {
        String sku = reservations.setAsideSku(jdbc, setAside);
        if (sku == null) throw new NotFoundException("No set-aside " + setAside + ".");
        return await(engine.endSetAside(sku, setAside));
    }

    /** Never refuses by exception for lack of stock: the outcome says reserved or not, and why. */
    public ReservationOutcome reserve(ReserveRequest request) {
        network.requireChannel(request.channel());
        return await(engine.reserve(request));
    }

    /**
     * A cart's reservation ({@code POST /api/reservations}): held for the request's hold, or when it
     * names none for the channel's {@link Channel#cartHold cart hold}, else
     * {@code zaiko.inventory.reservation-hold}. One look-up of the channel, as {@link #reserve}.
     */
    public ReservationOutcome reserveCart(ReserveRequest request) {
        Channel channel = network.requireChannel(request.channel());
        Duration cartHold = request.hold() != null ? request.hold()
                : channel.cartHold() != null ? channel.cartHold() : hold;
        return await(engine.reserve(request.heldFor(cartHold)));
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
        return reservations.find(jdbc, id);
    }

    /** Reservations whose units were taken and that no other location could cover. */
    public List<Reservation> displaced(String sku) {
        return reservations.displaced(jdbc, sku);
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
}
