package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances (two engines, each with its own connection pool, on one database) sweep the same
 * expired holds at the same moment, while their owners claim some of them. Every hold ends exactly
 * once: released by one sweep, or claimed by its owner, never both and never twice.
 */
class ReservationSweepConcurrencyTest {

    static final List<String> SKUS = List.of("HELD-1", "HELD-2", "HELD-3");
    static final int UNITS = 200;
    static final int PER_SKU = 120;

    HikariDataSource nodeA;
    HikariDataSource nodeB;
    ReservationEngine reserving;
    ReservationEngine engineA;
    ReservationEngine engineB;
    ReservingStock owner;

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {reserving, engineA, engineB}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing what the test made
            }
        }
        if (owner != null) owner.destroy();
        if (nodeB != null) nodeB.close();
        if (nodeA != null) nodeA.close();
    }

    @Test
    void twoSweepsRacingEachOtherAndTheOwnersClaimsReleaseEveryUnclaimedHoldExactlyOnce() throws Exception {
        nodeA = TestDatabase.fresh(20);
        nodeB = TestDatabase.anotherPool(nodeA, 20);
        InventoryFixture fixture = new InventoryFixture(nodeA).shop();
        for (String sku : SKUS) {
            fixture.product(sku, false);
            fixture.sellable(sku, "WH", UNITS);
        }
        // made at the fixture's time, held for a minute; the sweeps run two minutes later
        reserving = fixture.engine(64);
        List<UUID> held = new ArrayList<>();
        Map<UUID, String> skuOf = new ConcurrentHashMap<>();
        for (String sku : SKUS) {
            for (int i = 0; i < PER_SKU; i++) {
                ReservationOutcome outcome = reserving.reserve(new ReserveRequest("WEB", sku, 1, "cart-" + i, null)
                        .heldFor(Duration.ofMinutes(1))).get();
                assertThat(outcome.reserved()).isTrue();
                held.add(outcome.reservationId());
                skuOf.put(outcome.reservationId(), sku);
            }
        }
        assertThat(fixture.ledger.strays(null)).isEmpty(); // not expired yet at the fixture's time
        Clock later = Clock.offset(fixture.clock, Duration.ofMinutes(2));
        assertThat(new CheckingStockLedger(fixture.jdbc, later).strays(null)).hasSize(held.size());

        engineA = new ReservationEngine(nodeA, later, 64, 4, e -> { });
        engineB = new ReservationEngine(nodeB, later, 64, 4, e -> { });
        ReleasingExpiredReservations sweepA = new ReleasingExpiredReservations(new JdbcTemplate(nodeA), engineA, later);
        ReleasingExpiredReservations sweepB = new ReleasingExpiredReservations(new JdbcTemplate(nodeB), engineB, later);
        // the owner of every third reservation records it now, each claim in a transaction of its own
        owner = new ReservingStock(nodeA, later, fixture.network, fixture.jdbc, e -> { },
                ReservationHoldProperties.defaults(), 64, 2);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(nodeA));
        List<UUID> claiming = new ArrayList<>();
        for (int i = 0; i < held.size(); i += 3) claiming.add(held.get(i));
        Set<UUID> claimed = ConcurrentHashMap.newKeySet();
        Set<UUID> claimRefused = ConcurrentHashMap.newKeySet();

        List<Callable<Integer>> racers = new ArrayList<>();
        racers.add(sweepA::releaseExpired);
        racers.add(sweepB::releaseExpired);
        racers.add(() -> {
            for (UUID id : claiming) {
                try {
                    tx.executeWithoutResult(t -> owner.claim(List.of(id)));
                    claimed.add(id);
                } catch (ConflictException e) {
                    assertThat(e.type()).isEqualTo("reservation-expired");
                    claimRefused.add(id);
                }
            }
            return 0;
        });
        List<Integer> released = AllAtOnce.run(racers);

        assertThat(claimed.size() + claimRefused.size()).isEqualTo(claiming.size());
        // a sweep that found nothing left still ran: whatever was not claimed was released, once
        int unclaimed = held.size() - claimed.size();
        assertThat(released.get(0) + released.get(1)).as("released by A %s and B %s", released.get(0), released.get(1))
                .isEqualTo(unclaimed);
        JdbcTemplate jdbc = fixture.jdbc;
        for (UUID id : held) {
            String status = jdbc.queryForObject("select status from inventory_reservation where id = ?", String.class, id);
            int releases = jdbc.queryForObject("select count(*) from inventory_movement where reference = ? "
                    + "and kind = 'RELEASE'", Integer.class, id.toString());
            if (claimed.contains(id)) {
                assertThat(status).as("claimed " + id).isEqualTo("OPEN");
                assertThat(releases).as("claimed " + id).isZero();
            } else {
                assertThat(status).as("unclaimed " + id).isEqualTo("RELEASED");
                assertThat(releases).as("release movements of " + id).isEqualTo(1);
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from inventory_reservation_hold", Integer.class)).isZero();
        // and a third sweep later finds nothing to do
        assertThat(sweepA.releaseExpired()).isZero();

        for (String sku : SKUS) {
            long claimedHere = claimed.stream().filter(id -> skuOf.get(id).equals(sku)).count();
            StockLevel level = fixture.ledger.levels(sku).get(0);
            assertThat(level.reserved()).as(sku).isEqualTo((int) claimedHere);
            assertThat(level.sellable() + level.reserved()).as(sku + ": sellable + reserved = stock").isEqualTo(UNITS);
        }
        assertThat(fixture.ledger.mismatches(null)).isEmpty();
        assertThat(new CheckingStockLedger(fixture.jdbc, later).strays(null)).isEmpty();
        assertThat(Collections.disjoint(claimed, claimRefused)).isTrue();
    }
}
