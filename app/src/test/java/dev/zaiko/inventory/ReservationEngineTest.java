package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The engine's promise on a hot SKU: requests that arrive while a transaction is in the
 * database are decided together in the next one, in the order they arrived, each caller
 * getting its own answer.
 */
class ReservationEngineTest {

    static HikariDataSource database;
    static InventoryFixture fixture;

    @BeforeAll
    static void start() {
        database = TestDatabase.fresh(6);
        fixture = new InventoryFixture(database).shop();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    /** Holds the engine's first transaction at the door until the test opens it. */
    static final class GatedDataSource extends DelegatingDataSource {
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch knocked = new CountDownLatch(1);
        final AtomicBoolean first = new AtomicBoolean(true);

        GatedDataSource(HikariDataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (first.compareAndSet(true, false)) {
                knocked.countDown();
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException(e);
                }
            }
            return super.getConnection();
        }
    }

    @Test
    void requestsQueuedBehindATransactionAreDecidedTogetherInArrivalOrder() throws Exception {
        fixture.product("FLASH-1", false);
        fixture.sellable("FLASH-1", "WH", 100);
        GatedDataSource gated = new GatedDataSource(database);
        List<CompletableFuture<ReservationOutcome>> answers = new ArrayList<>();
        try (ReservationEngine engine = new ReservationEngine(gated, fixture.clock, 4096, 2, null)) {
            answers.add(engine.reserve(new ReserveRequest("WEB", "FLASH-1", 1, "buyer-0", null)));
            assertThat(gated.knocked.await(10, TimeUnit.SECONDS)).as("the first transaction started").isTrue();
            for (int i = 1; i < 500; i++) {
                answers.add(engine.reserve(new ReserveRequest("WEB", "FLASH-1", 1, "buyer-" + i, null)));
            }
            gated.open.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        List<Integer> winners = IntStream.range(0, answers.size())
                .filter(i -> answers.get(i).join().reserved()).boxed().toList();
        assertThat(winners).as("the first 100 to arrive get the 100 units").isEqualTo(
                IntStream.range(0, 100).boxed().toList());
        assertThat(answers.get(100).join().available()).isZero();
        Integer transactions = fixture.jdbc.queryForObject(
                "select count(distinct batch) from inventory_reservation where sku = 'FLASH-1'", Integer.class);
        assertThat(transactions).as("500 requests, two transactions: the gated one and everything behind it")
                .isEqualTo(2);
        assertThat(fixture.jdbc.queryForObject("select count(*) from inventory_movement where sku = 'FLASH-1' "
                + "and kind = 'RESERVE'", Integer.class)).as("one ledger row per batch and location").isEqualTo(2);
        for (int i = 0; i < 100; i++) {
            ReservationOutcome outcome = answers.get(i).join();
            Reservation stored = new ReservationStore().find(fixture.jdbc, outcome.reservationId()).orElseThrow();
            assertThat(stored.holder()).as("each caller got its own reservation").isEqualTo("buyer-" + i);
        }
        assertThat(fixture.ledger.mismatches("FLASH-1")).isEmpty();
    }

    @Test
    void anUnknownSkuFailsItsCallersWithoutTouchingOthers() {
        fixture.product("FLASH-2", false);
        fixture.sellable("FLASH-2", "WH", 1);
        try (ReservationEngine engine = fixture.engine(64)) {
            CompletableFuture<ReservationOutcome> unknown = engine.reserve(new ReserveRequest("WEB", "NO-SUCH", 1, "x", null));
            CompletableFuture<ReservationOutcome> unknownChannel = engine.reserve(new ReserveRequest("NOPE", "FLASH-2", 1, "y", null));
            CompletableFuture<ReservationOutcome> fine = engine.reserve(new ReserveRequest("WEB", "FLASH-2", 1, "z", null));
            assertThatThrownBy(unknown::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotFoundException.class);
            assertThatThrownBy(unknownChannel::join).hasCauseInstanceOf(NotFoundException.class);
            assertThat(fine.join().reserved()).isTrue();
        }
    }

    @Test
    void releaseAndCommitAnswerPerReservationAndRefuseTwice() {
        fixture.product("FLASH-3", false);
        fixture.sellable("FLASH-3", "WH", 2);
        try (ReservationEngine engine = fixture.engine(64)) {
            ReservationOutcome a = engine.reserve(new ReserveRequest("WEB", "FLASH-3", 1, "a", null)).join();
            ReservationOutcome b = engine.reserve(new ReserveRequest("WEB", "FLASH-3", 1, "b", null)).join();
            assertThat(engine.release(a.reservationId()).join().applied()).isTrue();
            assertThat(engine.commit(b.reservationId()).join().applied()).isTrue();
            ReservationChange again = engine.release(a.reservationId()).join();
            assertThat(again.applied()).isFalse();
            assertThat(again.refusal()).contains("RELEASED");
            assertThat(engine.commit(b.reservationId()).join().refusal()).contains("COMMITTED");
        }
        assertThat(fixture.ledger.levels("FLASH-3")).singleElement().satisfies(l -> {
            assertThat(l.sellable()).isEqualTo(1);
            assertThat(l.reserved()).isZero();
        });
        assertThat(fixture.ledger.mismatches("FLASH-3")).isEmpty();
    }

    @Test
    void aBatchOfReservationsAnnouncesNoNewSellableUnitsAReleaseDoes() {
        fixture.product("FLASH-4", false);
        fixture.sellable("FLASH-4", "WH", 5);
        try (ReservationEngine engine = fixture.engine(64)) {
            fixture.events.clear();
            ReservationOutcome held = engine.reserve(new ReserveRequest("WEB", "FLASH-4", 2, "a", null)).join();
            // announced just after the caller is answered
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(fixture.events).containsExactly(new StockChanged("FLASH-4", false)));

            fixture.events.clear();
            engine.release(held.reservationId()).join();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(fixture.events).containsExactly(new StockChanged("FLASH-4", true)));
        }
        fixture.events.clear();
        fixture.counting.adjust("FLASH-4", "WH", 7, "found two");
        assertThat(fixture.events).contains(new StockChanged("FLASH-4", true));
    }
}
