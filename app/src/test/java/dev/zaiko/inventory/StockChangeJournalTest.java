package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reservation engine's durable change mark: one journal row per batch, in the batch's own
 * transaction, and a reader that follows the journal never skips a change that commits late.
 */
class StockChangeJournalTest {

    static HikariDataSource database;
    static InventoryFixture fixture;
    static FollowingStockChanges journal;

    @BeforeAll
    static void start() {
        database = TestDatabase.fresh(6);
        fixture = new InventoryFixture(database).shop();
        journal = new FollowingStockChanges(fixture.jdbc);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    List<String> skus(FollowingStockChanges.Changes changes) {
        return changes.skus().stream().map(FollowingStockChanges.ChangedSku::sku).toList();
    }

    @Test
    void aBatchOfManyReservationsLeavesOneJournalRowThatCommittedWithIt() throws Exception {
        fixture.product("JOURNAL-1", false);
        fixture.sellable("JOURNAL-1", "WH", 100);
        long before = journal.since(FollowingStockChanges.START).next();
        Integer setUp = fixture.jdbc.queryForObject(
                "select count(*) from inventory_stock_change where sku = 'JOURNAL-1'", Integer.class);
        assertThat(setUp).as("the product and the inspection that made units sellable left rows of their own").isEqualTo(2);
        ReservationEngineTest.GatedDataSource gated = new ReservationEngineTest.GatedDataSource(database);
        List<CompletableFuture<ReservationOutcome>> answers = new ArrayList<>();
        try (ReservationEngine engine = new ReservationEngine(gated, fixture.clock, 4096, 2, null)) {
            answers.add(engine.reserve(new ReserveRequest("WEB", "JOURNAL-1", 1, "buyer-0", null)));
            assertThat(gated.knocked.await(10, TimeUnit.SECONDS)).as("the first transaction started").isTrue();
            for (int i = 1; i < 300; i++) {
                answers.add(engine.reserve(new ReserveRequest("WEB", "JOURNAL-1", 1, "buyer-" + i, null)));
            }
            gated.open.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            Integer batches = fixture.jdbc.queryForObject(
                    "select count(distinct batch) from inventory_reservation where sku = 'JOURNAL-1'", Integer.class);
            Integer rows = fixture.jdbc.queryForObject(
                    "select count(*) from inventory_stock_change where sku = 'JOURNAL-1'", Integer.class);
            assertThat(batches).as("300 requests in two transactions").isEqualTo(2);
            assertThat(rows - setUp).as("one journal row per batch, not per reservation").isEqualTo(batches);
            FollowingStockChanges.Changes reserved = journal.since(before);
            assertThat(skus(reserved)).containsExactly("JOURNAL-1");
            assertThat(reserved.skus().get(0).sellableMayHaveRisen()).as("reservations only take units").isFalse();
            assertThat(reserved.skus().get(0).since()).isEqualTo(fixture.clock.instant());

            // a release gives units back: what backorders would listen for
            assertThat(engine.release(answers.get(0).join().reservationId()).join().applied()).isTrue();
            FollowingStockChanges.Changes released = journal.since(reserved.next());
            assertThat(skus(released)).containsExactly("JOURNAL-1");
            assertThat(released.skus().get(0).sellableMayHaveRisen()).isTrue();
            assertThat(released.next()).isGreaterThan(reserved.next());
        }
        // a batch that changed nothing (an unknown channel) writes no row
        long quiet = journal.since(FollowingStockChanges.START).next();
        try (ReservationEngine engine = new ReservationEngine(database, fixture.clock, 64, 1, null)) {
            assertThat(engine.reserve(new ReserveRequest("NO-SUCH-CHANNEL", "JOURNAL-1", 1, "x", null)))
                    .failsWithin(Duration.ofSeconds(10));
        }
        assertThat(skus(journal.since(quiet))).doesNotContain("JOURNAL-1");
    }

    @Test
    void aChangeThatCommitsAfterALaterOneIsStillFoundByAReaderThatAlreadyReadTheLaterOne() throws Exception {
        try (Connection slow = database.getConnection(); Connection fast = database.getConnection()) {
            long start = journal.since(FollowingStockChanges.START).next();
            slow.setAutoCommit(false);
            insert(slow, "JOURNAL-SLOW"); // takes its transaction id first, commits last
            insert(fast, "JOURNAL-FAST"); // autocommit: committed at once

            FollowingStockChanges.Changes first = journal.since(start);
            assertThat(skus(first)).as("a transaction still running holds the horizon back")
                    .doesNotContain("JOURNAL-SLOW", "JOURNAL-FAST");
            slow.commit();

            FollowingStockChanges.Changes second = journal.since(first.next());
            assertThat(skus(second)).as("both, once every transaction before them ended")
                    .contains("JOURNAL-SLOW", "JOURNAL-FAST");
            assertThat(skus(journal.since(second.next()))).as("each change once")
                    .doesNotContain("JOURNAL-SLOW", "JOURNAL-FAST");
        }
    }

    private static void insert(Connection c, String sku) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into inventory_stock_change (sku, changed_at, sellable_rose) values (?, now(), false)")) {
            ps.setString(1, sku);
            ps.executeUpdate();
        }
    }

    @Test
    void rowsOlderThanWhatTheJournalKeepsAreForgottenAndNewerOnesStay() {
        StockChangesProperties properties = new StockChangesProperties(Duration.ofHours(1), null);
        ForgettingStockChanges forgetting = new ForgettingStockChanges(fixture.jdbc, fixture.clock, properties);
        fixture.jdbc.update("insert into inventory_stock_change (sku, changed_at, sellable_rose) values (?, ?, false)",
                "JOURNAL-OLD", Timestamp.from(fixture.clock.instant().minus(Duration.ofMinutes(61))));
        fixture.jdbc.update("insert into inventory_stock_change (sku, changed_at, sellable_rose) values (?, ?, false)",
                "JOURNAL-RECENT", Timestamp.from(fixture.clock.instant().minus(Duration.ofMinutes(59))));

        assertThat(forgetting.forget()).isPositive();

        assertThat(fixture.jdbc.queryForList("select sku from inventory_stock_change where sku like 'JOURNAL-%'",
                String.class)).contains("JOURNAL-RECENT").doesNotContain("JOURNAL-OLD");
    }
}
