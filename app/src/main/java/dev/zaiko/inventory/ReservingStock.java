package dev.zaiko.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reserve, release and commit (ship) stock for a channel through the {@link ReservationEngine}.
 * Each call is its own durable transaction, shared with whatever else is queued for the SKU.
 */
@Component
public class ReservingStock implements DisposableBean {

    private final ReservationEngine engine;
    private final StockNetwork network;
    private final JdbcTemplate jdbc;

    ReservingStock(DataSource dataSource, Clock clock, StockNetwork network, JdbcTemplate jdbc,
                   ApplicationEventPublisher events,
                   @Value("${zaiko.reservations.max-batch:" + ReservationEngine.DEFAULT_MAX_BATCH + "}") int maxBatch,
                   @Value("${zaiko.reservations.workers:8}") int workers) {
        this.engine = new ReservationEngine(dataSource, clock, maxBatch, workers,
                events::publishEvent);
        this.network = network;
        this.jdbc = jdbc;
    }

    public CompletableFuture<ReservationOutcome> reserveAsync(ReserveRequest request) {
        return engine.reserve(request);
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
            jdbc.query("select id, part, sku, channel, location, quantity, status, holder, segment, created_at "
                    + "from inventory_reservation " + where + " order by created_at, id, part", rs -> {
                UUID id = rs.getObject(1, UUID.class);
                rows.computeIfAbsent(id, k -> new ArrayList<>()).add(new Object[] {
                        rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant()});
            }, args);
            List<Reservation> result = new ArrayList<>();
            rows.forEach((id, parts) -> {
                Object[] first = parts.get(0);
                List<ReservationPart> ps = parts.stream().map(p -> new ReservationPart((Integer) p[0], (String) p[3],
                        (Integer) p[4], ReservationStatus.valueOf((String) p[5]))).toList();
                result.add(new Reservation(id, (String) first[1], (String) first[2], (String) first[6],
                        (String) first[7], ps, (java.time.Instant) first[8]));
            });
            return result;
        }
    }
}
