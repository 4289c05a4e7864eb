package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.ProcessLevelTest;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.TestDatabase;
import dev.zaiko.support.ZaikoOnOneDataDirectory;
import dev.zaiko.support.ZaikoProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds expire while two Zaikos (two processes, one PostgreSQL of the test's) sweep them; one of
 * them halts as {@code kill -9} would, right after committing a batch of the sweep's releases and
 * before it could answer or announce them ({@code zaiko.faults.halt-at=after-batch-commit}), or is
 * killed if the other one did every sweep so far; a third one starts on the same database. Every
 * hold nobody took is released exactly once (one RELEASE movement, reason "hold expired"), every
 * hold an order took is never released, and the ledger check is clean.
 */
@ProcessLevelTest
class HoldExpiryAcrossInstancesCrashTest {

    static final int HOLDS = 240;
    /** Every fifth hold is taken over by an order before it runs out. */
    static final int ORDER_EVERY = 5;
    static final int UNITS = 300;

    @RegisterExtension
    final ZaikoOnOneDataDirectory zaikos = new ZaikoOnOneDataDirectory("hold-expiry");

    HikariDataSource database;
    /** The secrets key every instance on the database shares, as a shop's nodes do. */
    final String secretsKey = randomKey();

    @AfterEach
    void closeDatabase() {
        if (database != null) database.close();
    }

    /** The sweep and the job poller every second; the database is the test's, shared by every instance. */
    String[] args(String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=postgres", "--zaiko.secrets.key=" + secretsKey,
                "--zaiko.inventory.reservation-sweep-every=1s", "--zaiko.jobs.polling-interval=1s"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void holdsExpiringWhileTwoInstancesSweepOneIsKilledAndAnotherStartsAreEachReleasedExactlyOnce() throws Exception {
        Map<String, Instant> phases = new LinkedHashMap<>();
        phases.put("start", Instant.now());
        database = TestDatabase.fresh(4);
        JdbcTemplate jdbc = new JdbcTemplate(database);
        // empty: the first Zaiko migrates it as a shop's first start would (its own Java migrations too)
        jdbc.execute("drop schema public cascade");
        jdbc.execute("create schema public");
        String[] plain = args();
        // the one that dies: it halts right after a batch of its own commits (only the sweep's, as it
        // serves no request), before the callers hear of it
        ZaikoProcess survivor = zaikos.start(plain).awaitUp(); // first, alone: it migrates the database
        phases.put("one up", Instant.now());

        ShopApi api = survivor.api();
        ShopApi.Shop shop = api.shop();
        String sku = ShopApi.unique("HOLD");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1980);
        product.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", product));
        api.sellable(sku, shop.warehouse(), UNITS);

        // carts held 8 to 47 seconds, so that they run out one after another: first while the survivor sweeps
        // alone, then while both do
        List<String> holds = new ArrayList<>();
        Set<String> ordered = new HashSet<>();
        for (int i = 0; i < HOLDS; i++) {
            JsonNode hold = api.ok(api.post("/api/reservations", ShopApi.JSON.createObjectNode()
                    .put("channel", shop.web()).put("sku", sku).put("quantity", 1).put("holder", "cart-" + i)
                    .put("holdFor", "PT" + (8 + i % 40) + "S")));
            String id = hold.path("id").asString();
            holds.add(id);
            if (i % ORDER_EVERY == 0) {
                ObjectNode order = ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 1);
                ((ObjectNode) order.withArray("lines").get(0)).put("reservationId", id);
                api.ok(api.post("/api/orders", order));
                ordered.add(id);
            }
        }
        phases.put("held", Instant.now());
        int expiring = HOLDS - ordered.size();
        // the first holds run out while the survivor sweeps alone, before the second instance exists
        await("the survivor's first sweep").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> expiredReleases(jdbc, sku) > 0);
        phases.put("first swept", Instant.now());

        // the second instance halts (as kill -9 would) right after the first batch of releases it commits; if the
        // survivor keeps winning the sweep job, it is killed once both have been up together for a while
        ZaikoProcess doomed = zaikos.start(args("--zaiko.faults.halt-at=after-batch-commit"));
        await("the second instance up, or halted already").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200)).until(() -> doomed.health() == 200 || !alive(doomed));
        phases.put("two up", Instant.now());
        int releasedWhenTwo = expiredReleases(jdbc, sku);
        await("the second instance swept").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> !alive(doomed));
        boolean haltedItself = !alive(doomed);
        if (!haltedItself) {
            doomed.kill();
        }
        int releasedAtKill = expiredReleases(jdbc, sku);
        phases.put("killed", Instant.now());
        assertThat(releasedAtKill).as("holds released before the kill: not all").isLessThan(expiring);
        assertThat(survivor.log()).as("the survivor swept before the kill").contains("Reservation sweep:");

        ZaikoProcess third = zaikos.start(plain).awaitUp();
        phases.put("third up", Instant.now());

        await("every hold nobody took is released").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> expiredReleases(jdbc, sku) >= expiring
                        && jdbc.queryForObject("select count(*) from inventory_reservation_hold where sku = ?",
                        Integer.class, sku) == 0);
        phases.put("all released", Instant.now());

        for (String id : holds) {
            int releases = jdbc.queryForObject("select count(*) from inventory_movement where reference = ? "
                    + "and kind = 'RELEASE'", Integer.class, id);
            int expired = jdbc.queryForObject("select count(*) from inventory_movement where reference = ? "
                    + "and kind = 'RELEASE' and reason = 'hold expired'", Integer.class, id);
            String status = jdbc.queryForObject("select string_agg(distinct status, ',') from inventory_reservation "
                    + "where id = ?::uuid", String.class, id);
            if (ordered.contains(id)) {
                assertThat(releases).as("ordered " + id).isZero();
                assertThat(status).as("ordered " + id).isEqualTo("OPEN");
            } else {
                assertThat(expired).as("'hold expired' releases of " + id).isEqualTo(1);
                assertThat(releases).as("releases of " + id).isEqualTo(1);
                assertThat(status).as("abandoned " + id).isEqualTo("RELEASED");
            }
        }
        ShopApi after = third.api();
        JsonNode consistency = after.ok(after.get("/api/stock/consistency"));
        assertThat(consistency.path("consistent").booleanValue()).as(consistency.toString()).isTrue();
        JsonNode level = after.ok(after.get("/api/stock/" + sku)).path("locations").get(0);
        assertThat(level.path("reserved").intValue()).isEqualTo(ordered.size());
        assertThat(level.path("sellable").intValue()).isEqualTo(UNITS - ordered.size());
        // the survivor, still up, sees the same
        assertThat(api.ok(api.get("/api/stock/consistency?sku=" + sku)).path("consistent").booleanValue()).isTrue();

        StringBuilder took = new StringBuilder();
        Instant previous = null;
        for (Map.Entry<String, Instant> phase : phases.entrySet()) {
            if (previous != null) took.append(String.format(" %s +%.1fs", phase.getKey(),
                    Duration.between(previous, phase.getValue()).toMillis() / 1000.0));
            previous = phase.getValue();
        }
        System.out.printf("HoldExpiryAcrossInstancesCrashTest: phases%s; %d holds, %d ordered, %d released when the second "
                + "was up, %d before the %s%n", took, HOLDS, ordered.size(), releasedWhenTwo, releasedAtKill,
                haltedItself ? "halt at its sweep batch" : "kill -9");
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static boolean alive(ZaikoProcess zaiko) {
        return ProcessHandle.of(zaiko.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    static int expiredReleases(JdbcTemplate jdbc, String sku) {
        return jdbc.queryForObject("select count(*) from inventory_movement where sku = ? and kind = 'RELEASE' "
                + "and reason = 'hold expired'", Integer.class, sku);
    }
}
