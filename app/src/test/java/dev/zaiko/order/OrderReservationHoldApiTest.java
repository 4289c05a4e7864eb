package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.zaiko.inventory.ReleasingExpiredReservations;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An order's reservations are held only until the order is recorded: the order's transaction
 * claims them, so the sweep of expired holds never touches them, however long the order waits to
 * be packed. An order that finds its holds gone is refused and records nothing.
 */
class OrderReservationHoldApiTest extends OrderApiTestBase {

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anOrdersReservationsBelongToItAndAreNeverSweptWhileAnAbandonedCartOnTheSameSkuIs() {
        String tent = api.product("MINE", false);
        String lamp = api.product("MINE2", false);
        api.sellable(tent, shop.warehouse(), 5);
        api.sellable(lamp, shop.warehouse(), 5);
        JsonNode placed = api.ok(api.post("/api/orders", order(shop.web(), tent, 2, lamp, 1)));
        String number = placed.path("orderNumber").asString();
        String cart = api.ok(api.post("/api/reservations", JSON.createObjectNode().put("channel", shop.web())
                .put("sku", tent).put("quantity", 1).put("holder", "cart-9").put("holdFor", "PT15M")))
                .path("id").asString();
        for (JsonNode line : placed.path("lines")) {
            JsonNode reservation = api.ok(api.get("/api/reservations/" + line.path("reservationId").asString()));
            assertThat(reservation.path("status").asString()).isEqualTo("OPEN");
            assertThat(reservation.path("expiresAt").isNull()).as("claimed by order " + number).isTrue();
        }

        clock.advance(Duration.ofMinutes(16));

        JsonNode strays = api.ok(api.get("/api/stock/consistency?sku=" + tent)).path("strayReservations");
        assertThat(strays.size()).isEqualTo(1);
        assertThat(strays.get(0).path("id").asString()).isEqualTo(cart);
        Jobs.runRecurring(jobs, clock, ReleasingExpiredReservations.TASK);

        assertThat(api.ok(api.get("/api/reservations/" + cart)).path("status").asString()).isEqualTo("RELEASED");
        JsonNode order = api.ok(api.get("/api/orders/" + number));
        for (JsonNode line : order.path("lines")) {
            assertThat(line.path("status").asString()).isEqualTo("ALLOCATED");
            assertThat(api.ok(api.get("/api/reservations/" + line.path("reservationId").asString()))
                    .path("status").asString()).isEqualTo("OPEN");
        }
        assertThat(api.level(tent, shop.warehouse()).path("reserved").intValue()).isEqualTo(2);
        assertThat(api.level(tent, shop.warehouse()).path("sellable").intValue()).isEqualTo(3);
        assertThat(api.level(lamp, shop.warehouse()).path("reserved").intValue()).isEqualTo(1);
        api.assertConsistent();
    }

    @Test
    void anOrderWhoseHoldsAreGoneBeforeItIsRecordedIsRefusedAndLeavesItsUnitsOnSale() {
        String sku = api.product("LATE", false);
        api.sellable(sku, shop.warehouse(), 3);
        // stands in for a sweep that released the order's reservations because the order was slower
        // than its hold: the holds are gone when the order's transaction claims them
        jdbc.execute("create or replace function orders_test_lose_holds() returns trigger language plpgsql as "
                + "$$ begin delete from inventory_reservation_hold where sku = '" + sku + "'; return new; end $$");
        jdbc.execute("create trigger orders_test_lose_holds before insert on orders_order for each row "
                + "when (new.channel = '" + shop.web() + "') execute function orders_test_lose_holds()");
        try {
            api.rejected(409, "reservation-expired", List.of(sku),
                    () -> api.post("/api/orders", order(shop.web(), sku, 2)));
        } finally {
            jdbc.execute("drop trigger orders_test_lose_holds on orders_order");
        }
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isEqualTo(3);
        assertThat(api.ok(api.post("/api/orders", order(shop.web(), sku, 3))).path("lines").get(0).path("status")
                .asString()).isEqualTo("ALLOCATED");
    }
}
