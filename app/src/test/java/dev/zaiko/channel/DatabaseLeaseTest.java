package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.StoppedClock;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The channel module's one database lease ({@link DatabaseLease}), on the adapters' table with two
 * holders on one PostgreSQL, as two application instances would hold it. Time is a stopped clock:
 * a lease runs out only when the test moves it.
 */
class DatabaseLeaseTest {

    static final Duration LENGTH = Duration.ofSeconds(30);

    final HikariDataSource database = TestDatabase.fresh(8);
    final JdbcTemplate jdbc = new JdbcTemplate(database);
    final StoppedClock clock = new StoppedClock(Instant.parse("2026-03-02T01:00:00Z"), ZoneId.of("Asia/Tokyo"));
    final DatabaseLease a = lease("node-a");
    final DatabaseLease b = lease("node-b");

    @AfterEach
    void close() {
        a.stopHeartbeat(Duration.ofSeconds(5));
        b.stopHeartbeat(Duration.ofSeconds(5));
        database.close();
    }

    DatabaseLease lease(String holder) {
        return new DatabaseLease(jdbc, clock, AdapterNode.TABLE, LENGTH, holder);
    }

    void channel(String code) {
        jdbc.update("""
                insert into channel_adapter (channel, marketplace, url, rate, batch, safety_floor, created_at)
                values (?, 'RAKUTEN', 'http://127.0.0.1:1/unused', 1, 1, 0, ?)
                """, code, Timestamp.from(clock.instant()));
    }

    String holderOf(String code) {
        return jdbc.queryForObject("select held_by from channel_adapter where channel = ?", String.class, code);
    }

    Instant heldUntil(String code) {
        Timestamp t = jdbc.queryForObject("select held_until from channel_adapter where channel = ?", Timestamp.class,
                code);
        return t == null ? null : t.toInstant();
    }

    @Test
    void whenTwoInstancesRaceForTheSameRowExactlyOneHoldsIt() throws Exception {
        for (int i = 0; i < 40; i++) {
            String code = "RACE-" + i;
            channel(code);
            List<Boolean> won = AllAtOnce.run(List.<Callable<Boolean>>of(() -> a.acquire(code, null),
                    () -> b.acquire(code, null)));
            assertThat(won).as("round %d", i).containsExactlyInAnyOrder(true, false);
            assertThat(holderOf(code)).isEqualTo(won.get(0) ? "node-a" : "node-b");
            assertThat(heldUntil(code)).isEqualTo(clock.instant().plus(LENGTH));
        }
    }

    @Test
    void whenTwoInstancesTakeEveryFreeRowAtOnceEachRowGoesToExactlyOne() throws Exception {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            channel("FREE-" + i);
            all.add("FREE-" + i);
        }
        List<List<String>> taken = AllAtOnce.run(List.<Callable<List<String>>>of(() -> takeFree(a),
                () -> takeFree(b)));
        Set<String> byA = new HashSet<>(taken.get(0));
        Set<String> byB = new HashSet<>(taken.get(1));
        // often one update takes them all: the other, blocked on the rows, finds them held when it goes on
        assertThat(taken.get(0).size() + taken.get(1).size()).as("no row taken twice").isEqualTo(all.size());
        Set<String> both = new HashSet<>(byA);
        both.addAll(byB);
        assertThat(both).isEqualTo(all);
        for (String code : byA) assertThat(holderOf(code)).isEqualTo("node-a");
        for (String code : byB) assertThat(holderOf(code)).isEqualTo("node-b");
    }

    static List<String> takeFree(DatabaseLease lease) {
        List<String> taken = new ArrayList<>();
        lease.acquireFree("channel", rs -> {
            taken.add(rs.getString(1));
        });
        return taken;
    }

    @Test
    void aLeaseIsTakenOverOnlyOnceItRanOutAndItsOldHolderCannotRenewItBack() {
        channel("MKT");
        assertThat(a.acquire("MKT", null)).isTrue();
        assertThat(b.acquire("MKT", null)).as("held by a").isFalse();

        clock.advance(LENGTH);
        assertThat(b.acquire("MKT", null)).as("the lease's last instant still belongs to a").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(b.acquire("MKT", null)).as("ran out: taken over").isTrue();
        assertThat(holderOf("MKT")).isEqualTo("node-b");

        a.renew(List.of("MKT"));
        a.release("MKT");
        assertThat(holderOf("MKT")).as("a's renewal and release touch nothing of b's").isEqualTo("node-b");
        assertThat(heldUntil("MKT")).isEqualTo(clock.instant().plus(LENGTH));
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() {
        channel("ONE");
        channel("TWO");
        assertThat(a.acquire("ONE", null)).isTrue();
        a.release("ONE");
        assertThat(holderOf("ONE")).isNull();
        assertThat(b.acquire("ONE", null)).as("no wait for the lease to run out").isTrue();

        assertThat(takeFree(a)).containsExactly("TWO");
        a.releaseAll();
        assertThat(takeFree(b)).containsExactly("TWO");
        assertThat(holderOf("ONE")).isEqualTo("node-b");
    }

    @Test
    void aRenewedLeaseLastsItsLengthFromTheRenewal() {
        channel("MKT");
        assertThat(a.acquire("MKT", null)).isTrue();
        clock.advance(Duration.ofSeconds(20));
        List<String> renewed = new ArrayList<>();
        a.renewAll("channel", rs -> {
            renewed.add(rs.getString(1));
        });
        assertThat(renewed).containsExactly("MKT");
        clock.advance(Duration.ofSeconds(20));
        assertThat(b.acquire("MKT", null)).as("40 s after taking, 20 s after renewing").isFalse();
        clock.advance(Duration.ofSeconds(11));
        assertThat(b.acquire("MKT", null)).isTrue();
    }

    @Test
    void theHeartbeatKeepsALeaseAliveUntilItStopsThenAnotherTakesItOver() {
        channel("MKT");
        assertThat(a.acquire("MKT", null)).isTrue();
        a.startHeartbeat("test-lease-a", Duration.ofMillis(20), () -> a.renew(List.of("MKT")));

        clock.advance(LENGTH.plusSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> clock.instant().isBefore(heldUntil("MKT")));
        assertThat(b.acquire("MKT", null)).as("renewed by a's heartbeat").isFalse();

        a.stopHeartbeat(Duration.ofSeconds(5));
        clock.advance(LENGTH.plusSeconds(1));
        assertThat(b.acquire("MKT", null)).as("no heartbeat, no lease").isTrue();
    }
}
