package dev.zaiko.inventory;

import static dev.zaiko.inventory.InventoryApi.object;
import static dev.zaiko.inventory.InventoryApi.reservation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An API client's reservation is held for {@code holdFor} (or the shop's default hold); one the
 * client never commits, releases or holds longer belongs to nothing once its hold runs out: the
 * consistency check lists it, and the sweep (the durable job) releases it, once.
 */
class ReservationHoldApiTest extends InventoryApiTestBase {

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    ReservationHoldProperties holds;

    InventoryApi.Shop shop;

    @BeforeEach
    void setUp() {
        shop = api.shop();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    void sweep() {
        Jobs.runRecurring(jobs, clock, ReleasingExpiredReservations.TASK);
    }

    JsonNode held(String sku, int quantity, String holdFor) {
        return api.ok(api.post("/api/reservations", reservation(shop.web(), sku, quantity, "cart-7").put("holdFor",
                holdFor)));
    }

    JsonNode consistency(String sku) {
        return api.ok(api.get("/api/stock/consistency?sku=" + sku));
    }

    List<String> strayIds(JsonNode consistency) {
        List<String> ids = new ArrayList<>();
        consistency.path("strayReservations").forEach(s -> ids.add(s.path("id").asString()));
        return ids;
    }

    int releaseMovements(String sku, String reservationId) {
        int n = 0;
        for (JsonNode m : api.movements(sku)) {
            if (m.path("kind").asString().equals("RELEASE") && m.path("reference").asString().equals(reservationId)) n++;
        }
        return n;
    }

    @Test
    void aReservationItsClientAbandonsIsListedAsStrayThenReleasedOnceWhenItsHoldRunsOut() {
        String sku = api.newProduct("ABANDON");
        api.sellable(sku, shop.warehouse(), 3);

        JsonNode body = held(sku, 2, "PT10M");
        String id = body.path("id").asString();
        assertThat(Duration.between(Instant.parse(body.path("createdAt").asString()),
                Instant.parse(body.path("expiresAt").asString()))).isEqualTo(Duration.ofMinutes(10));
        JsonNode before = consistency(sku);
        assertThat(before.path("consistent").booleanValue()).as(before.toString()).isTrue();
        assertThat(before.path("strayReservations").isArray()).isTrue();
        assertThat(before.path("strayReservations").size()).isZero();

        clock.advance(Duration.ofMinutes(11));

        JsonNode stray = consistency(sku);
        assertThat(stray.path("consistent").booleanValue()).as(stray.toString()).isFalse();
        assertThat(stray.path("mismatches").size()).isZero();
        assertThat(strayIds(stray)).containsExactly(id);
        JsonNode listed = stray.path("strayReservations").get(0);
        assertThat(listed.path("sku").asString()).isEqualTo(sku);
        assertThat(listed.path("holder").asString()).isEqualTo("cart-7");
        assertThat(listed.path("quantity").intValue()).isEqualTo(2);
        assertThat(listed.path("expiresAt").asString()).isEqualTo(body.path("expiresAt").asString());
        JsonNode all = api.ok(api.get("/api/stock/consistency"));
        assertThat(all.path("consistent").booleanValue()).isFalse();
        assertThat(strayIds(all)).contains(id);
        assertThat(api.ats(sku, shop.web())).as("still reserved until the sweep").isEqualTo(1);

        sweep();

        JsonNode released = api.ok(api.get("/api/reservations/" + id));
        assertThat(released.path("status").asString()).isEqualTo("RELEASED");
        assertThat(released.path("expiresAt").isNull()).isTrue();
        assertThat(api.ats(sku, shop.web())).isEqualTo(3);
        JsonNode move = api.movements(sku).get(0);
        assertThat(move.path("kind").asString()).isEqualTo("RELEASE");
        assertThat(move.path("reason").asString()).isEqualTo("hold expired");
        api.assertConsistent(sku);
        assertThat(consistency(sku).path("strayReservations").size()).isZero();

        sweep();

        assertThat(releaseMovements(sku, id)).as("released once, however often the sweep runs").isEqualTo(1);
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isEqualTo(3);
        // the client comes back too late: its reservation is gone, and it is told so
        InventoryApi.assertProblem(api.post("/api/reservations/" + id + "/commit", object()), 409, "reservation-closed");
    }

    @Test
    void aClientThatHoldsItsReservationLongerKeepsItPastTheFirstDeadline() {
        String sku = api.newProduct("EXTEND");
        api.sellable(sku, shop.warehouse(), 2);
        String id = held(sku, 1, "PT10M").path("id").asString();

        clock.advance(Duration.ofMinutes(8));
        JsonNode extended = api.ok(api.post("/api/reservations/" + id + "/hold", object().put("holdFor", "PT20M")));
        assertThat(Instant.parse(extended.path("expiresAt").asString()))
                .isAfter(clock.instant().plus(Duration.ofMinutes(19)));
        clock.advance(Duration.ofMinutes(5)); // past the first deadline
        sweep();

        assertThat(api.ok(api.get("/api/reservations/" + id)).path("status").asString()).isEqualTo("OPEN");
        assertThat(consistency(sku).path("consistent").booleanValue()).isTrue();

        clock.advance(Duration.ofMinutes(16)); // past the second
        sweep();

        assertThat(api.ok(api.get("/api/reservations/" + id)).path("status").asString()).isEqualTo("RELEASED");
        assertThat(api.ats(sku, shop.web())).isEqualTo(2);
        api.assertConsistent(sku);
    }

    @Test
    void aReservationCommittedBeforeItsHoldRunsOutIsNeverTouchedByTheSweep() {
        String sku = api.newProduct("KEPT");
        api.sellable(sku, shop.warehouse(), 2);
        String id = held(sku, 1, "PT1M").path("id").asString();
        JsonNode committed = api.ok(api.post("/api/reservations/" + id + "/commit", object()));
        assertThat(committed.path("expiresAt").isNull()).isTrue();

        clock.advance(Duration.ofMinutes(2));
        sweep();

        assertThat(api.ok(api.get("/api/reservations/" + id)).path("status").asString()).isEqualTo("COMMITTED");
        assertThat(releaseMovements(sku, id)).isZero();
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isEqualTo(1);
        api.assertConsistent(sku);
        // a closed reservation cannot be held longer
        InventoryApi.assertProblem(api.post("/api/reservations/" + id + "/hold", object().put("holdFor", "PT5M")), 409,
                "reservation-not-held");
    }

    @Test
    void withoutHoldForAReservationIsHeldForTheShopsDefaultHold() {
        String sku = api.newProduct("DEFAULT");
        api.sellable(sku, shop.warehouse(), 1);

        JsonNode body = api.ok(api.post("/api/reservations", reservation(shop.web(), sku, 1, null)));

        assertThat(Duration.between(Instant.parse(body.path("createdAt").asString()),
                Instant.parse(body.path("expiresAt").asString()))).isEqualTo(holds.reservationHold());
    }

    @Test
    void aHoldThatIsNoDurationOrTooLongIsRefusedNamingTheFieldAndChangesNothing() {
        String sku = api.newProduct("BADHOLD");
        api.sellable(sku, shop.warehouse(), 1);
        for (String bad : List.of("soon", "PT0S", "-PT5M", "P8D")) {
            InventoryApi.Response r = api.rejected(400, "invalid-hold", () -> api.post("/api/reservations",
                    reservation(shop.web(), sku, 1, "cart").put("holdFor", bad)));
            assertThat(r.json().path("field").asString()).as(bad).isEqualTo("holdFor");
        }
        String id = held(sku, 1, "PT5M").path("id").asString();
        InventoryApi.Response r = api.rejected(400, "invalid-hold", () -> api.post("/api/reservations/" + id + "/hold",
                object().put("holdFor", "P30D")));
        assertThat(r.json().path("field").asString()).isEqualTo("holdFor");
        // released, so that no later test that moves the clock finds it stray
        api.ok(api.post("/api/reservations/" + id + "/release", object()));
    }
}
