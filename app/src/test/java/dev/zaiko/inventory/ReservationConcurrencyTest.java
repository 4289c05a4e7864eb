package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of buyers and clerks on the same few SKUs at once, through two engines on one
 * database (two application nodes). Afterwards the ledger must prove every unit: nothing went
 * negative, nothing was sold twice, the store's kept units never went online, and every caller
 * was told the truth about its own request.
 */
class ReservationConcurrencyTest {

    static final List<String> SKUS = List.of("HOT-1", "HOT-2", "HOT-3");
    static final int WAREHOUSE_UNITS = 150;
    static final int STORE_UNITS = 40;
    static final int STORE_KEEPS = 5;
    static final int THREADS = 200;
    static final int OPS_PER_THREAD = 40;

    HikariDataSource nodeA;
    HikariDataSource nodeB;
    ReservationEngine engineA;
    ReservationEngine engineB;

    @AfterEach
    void tearDown() {
        if (engineA != null) engineA.close();
        if (engineB != null) engineB.close();
        if (nodeB != null) nodeB.close();
        if (nodeA != null) nodeA.close();
    }

    @Test
    void hundredsOfConcurrentReservationsReleasesAndTillSalesKeepTheLedgerExact() throws Exception {
        nodeA = TestDatabase.fresh(20);
        nodeB = TestDatabase.anotherPool(nodeA, 20);
        InventoryFixture fixture = new InventoryFixture(nodeA).shop();
        for (String sku : SKUS) {
            fixture.product(sku, false);
            fixture.sellable(sku, "WH", WAREHOUSE_UNITS);
            fixture.sellable(sku, "SHOP", STORE_UNITS);
        }
        fixture.protecting.protect(ProtectionKind.STORE_KEEPS, "SHOP", null, STORE_KEEPS, null);
        fixture.protecting.protect(ProtectionKind.MEMBER_QUOTA, "WH", null, 3, "GOLD");
        engineA = fixture.engine(64);
        engineB = new InventoryFixture(nodeB).engine(64);

        Map<UUID, Integer> open = new ConcurrentHashMap<>();
        Map<UUID, String> skuOf = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> gone = new ConcurrentHashMap<>();
        SKUS.forEach(s -> gone.put(s, new AtomicInteger()));
        AtomicInteger reserved = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger tillRefused = new AtomicInteger();
        List<Displacement> displacements = Collections.synchronizedList(new ArrayList<>());

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            work.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                List<UUID> mine = new ArrayList<>();
                for (int i = 0; i < OPS_PER_THREAD; i++) {
                    String sku = SKUS.get(random.nextInt(SKUS.size()));
                    ReservationEngine engine = random.nextBoolean() ? engineA : engineB;
                    int dice = random.nextInt(10);
                    if (dice < 6) {
                        String channel = random.nextBoolean() ? "WEB" : "AMAZON";
                        String segment = random.nextInt(4) == 0 ? "GOLD" : null;
                        ReservationOutcome outcome = engine.reserve(new ReserveRequest(channel, sku,
                                1 + random.nextInt(3), "order-" + UUID.randomUUID(), segment)).get();
                        if (outcome.reserved()) {
                            reserved.incrementAndGet();
                            open.put(outcome.reservationId(), outcome.parts().stream()
                                    .mapToInt(ReservationPart::quantity).sum());
                            skuOf.put(outcome.reservationId(), sku);
                            mine.add(outcome.reservationId());
                        } else {
                            refused.incrementAndGet();
                        }
                    } else if (dice < 9 && !mine.isEmpty()) {
                        UUID id = mine.remove(random.nextInt(mine.size()));
                        boolean ship = random.nextBoolean();
                        ReservationChange change = (ship ? engine.commit(id) : engine.release(id)).get();
                        Integer units = open.remove(id);
                        if (change.applied() && ship) {
                            // a reservation partly displaced ships only what it still holds
                            gone.get(skuOf.get(id)).addAndGet(stillOpenUnits(fixture, id, units));
                        }
                    } else {
                        int quantity = 1 + random.nextInt(2);
                        try {
                            SellingAtTill.Result sale = fixture.till.sell(sku, "SHOP", quantity, null,
                                    random.nextInt(3) == 0, "till");
                            gone.get(sku).addAndGet(quantity);
                            displacements.addAll(sale.displacements());
                        } catch (ConflictException e) {
                            tillRefused.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : work) f.get(5, TimeUnit.MINUTES);
        pool.shutdown();

        assertThat(reserved.get()).as("some reservations succeeded").isPositive();
        assertThat(refused.get() + tillRefused.get()).as("the stock ran out for somebody").isPositive();
        assertThat(fixture.ledger.mismatches(null)).as("levels equal the fold of movements and open reservations")
                .isEmpty();
        for (String sku : SKUS) {
            List<StockLevel> levels = fixture.ledger.levels(sku);
            int onShelf = levels.stream().mapToInt(l -> l.sellable() + l.reserved()).sum();
            assertThat(onShelf + gone.get(sku).get())
                    .as("every unit of %s is on the shelf or was sold or shipped, as callers were told", sku)
                    .isEqualTo(WAREHOUSE_UNITS + STORE_UNITS);
            levels.forEach(l -> assertThat(l.sellable()).isNotNegative());
            assertStoreKeptItsUnitsFromOnlineChannels(fixture, sku);
        }
        for (Map.Entry<UUID, Integer> e : open.entrySet()) {
            Reservation r = find(fixture, e.getKey());
            int stillOpen = r.parts().stream().filter(p -> p.status() == ReservationStatus.OPEN)
                    .mapToInt(ReservationPart::quantity).sum();
            int displaced = r.parts().stream().filter(p -> p.status() == ReservationStatus.DISPLACED)
                    .mapToInt(ReservationPart::quantity).sum();
            assertThat(stillOpen + displaced).as("reservation %s holds what its caller was told", e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    private static int stillOpenUnits(InventoryFixture fixture, UUID id, int told) {
        Reservation r = find(fixture, id);
        int displaced = r.parts().stream().filter(p -> p.status() == ReservationStatus.DISPLACED)
                .mapToInt(ReservationPart::quantity).sum();
        return told - displaced;
    }

    private static Reservation find(InventoryFixture fixture, UUID id) {
        return new ReservationStore().find(fixture.jdbc, id).orElseThrow();
    }

    /**
     * Replays the store's ledger in commit order, one transaction at a time: only online
     * channels reserve there in this test, so after every transaction that reserved units at the
     * store its free units must not be below what the store keeps. (Forced till sales may go
     * below: the store's own customer.) A transaction is the unit because the engine sums a
     * batch's movements per kind: a batch that reserved, released and reserved again is written
     * as one RESERVE row and one RELEASE row, whose row order says nothing about the order of
     * the decisions. Rows of one transaction share PostgreSQL's xmin.
     */
    private static void assertStoreKeptItsUnitsFromOnlineChannels(InventoryFixture fixture, String sku) {
        int[] sellable = {0};
        long[] transaction = {-1};
        boolean[] reservedInTransaction = {false};
        Runnable endOfTransaction = () -> {
            if (reservedInTransaction[0]) {
                assertThat(sellable[0]).as("free units of %s at the store after a transaction that reserved there", sku)
                        .isGreaterThanOrEqualTo(STORE_KEEPS);
            }
            reservedInTransaction[0] = false;
        };
        fixture.jdbc.query("select from_bucket, to_bucket, quantity, xmin::text::bigint from inventory_movement "
                + "where sku = ? and location = 'SHOP' order by id", rs -> {
            if (rs.getLong(4) != transaction[0]) {
                endOfTransaction.run();
                transaction[0] = rs.getLong(4);
            }
            String from = rs.getString(1);
            String to = rs.getString(2);
            int q = rs.getInt(3);
            if ("SELLABLE".equals(from)) sellable[0] -= q;
            if ("SELLABLE".equals(to)) sellable[0] += q;
            if ("SELLABLE".equals(from) && "RESERVED".equals(to)) reservedInTransaction[0] = true;
        }, sku);
        endOfTransaction.run();
    }
}
