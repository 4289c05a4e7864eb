package dev.zaiko.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sweep: releases every reservation whose hold ran out without a claim, an extension, a
 * commit or a release (an API client that went away, an order that was never recorded because its
 * instance crashed). Each release goes through the {@link ReservationEngine} of this instance,
 * in the SKU's lane and under the SKU's lock, so levels, ledger and channel feeds stay right, and
 * a hold is released once however many sweeps run at the same time on however many instances.
 * Run by the durable job {@value #TASK} (every {@code zaiko.inventory.reservation-sweep-every}).
 */
public class ReleasingExpiredReservations {

    public static final String TASK = "inventory-expired-reservations";
    static final int PAGE = 5_000;

    private static final Logger log = LoggerFactory.getLogger(ReleasingExpiredReservations.class);

    private final JdbcTemplate jdbc;
    private final ReservationEngine engine;
    private final Clock clock;
    private final ReservationStore reservations = new ReservationStore();

    ReleasingExpiredReservations(JdbcTemplate jdbc, ReservationEngine engine, Clock clock) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.clock = clock;
    }

    /** @return how many reservations this run released (another sweep's releases are not counted) */
    public int releaseExpired() {
        Map<ReservationEngine.Expiry, Integer> found = new EnumMap<>(ReservationEngine.Expiry.class);
        while (true) {
            List<ReservationStore.DueHold> due = reservations.dueHolds(jdbc, clock.instant(), PAGE);
            if (due.isEmpty()) break;
            List<CompletableFuture<ReservationEngine.Expiry>> pending = new ArrayList<>(due.size());
            for (ReservationStore.DueHold d : due) pending.add(engine.expire(d.sku(), d.id()));
            int progress = 0;
            for (CompletableFuture<ReservationEngine.Expiry> f : pending) {
                // a failed batch (the database went away) fails the run: the job runs again
                ReservationEngine.Expiry expiry = ReservingStock.await(f);
                found.merge(expiry, 1, Integer::sum);
                if (expiry != ReservationEngine.Expiry.NOT_DUE) progress++;
            }
            if (due.size() < PAGE || progress == 0) break;
        }
        int released = found.getOrDefault(ReservationEngine.Expiry.RELEASED, 0);
        if (!found.isEmpty()) {
            log.info("Reservation sweep: {} released after their hold ran out ({})", released, found);
        }
        return released;
    }
}
