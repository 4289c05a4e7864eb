package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.zaiko.support.Events;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Backordered lines are filled when sellable stock appears in any way, not only through an
 * inspection: a released reservation, an upward count, a lifted protection. The fill runs after
 * the change has committed, on a worker of its own: these tests wait for it, with a bound.
 */
class BackorderTriggersApiTest extends OrderApiTestBase {

    static final Duration BOUND = Duration.ofSeconds(60);

    @Autowired
    FillingBackorders filling;

    String backorder(String sku, int quantity) {
        OrderApi.Response placed = api.post("/api/orders", order(shop.web(), sku, quantity));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().path("lines").get(0).path("status").asString()).isEqualTo("BACKORDERED");
        return placed.json().path("orderNumber").asString();
    }

    String status(String number) {
        return api.ok(api.get("/api/orders/" + number)).path("lines").get(0).path("status").asString();
    }

    void awaitAllocated(String number) {
        await().atMost(BOUND).until(() -> status(number).equals("ALLOCATED"));
    }

    /** Every fill asked for so far has finished (the fills that a fill's own reservations ask for, too). */
    void awaitFillsDone() {
        await().atMost(BOUND).until(filling::idle);
    }

    String reserve(String sku, int units, String holder) {
        return api.ok(api.post("/api/reservations", JSON.createObjectNode().put("channel", shop.web()).put("sku", sku)
                .put("quantity", units).put("holder", holder))).path("id").asString();
    }

    @Test
    void aReleasedReservationFillsTheEarliestBackorderAndNoMore() {
        String sku = api.product("RELFILL", true);
        api.sellable(sku, shop.warehouse(), 2);
        String first = reserve(sku, 1, "cart-first");
        String second = reserve(sku, 1, "cart-second");
        api.inbound(sku, shop.warehouse(), 10, today().plusDays(7));
        String a = backorder(sku, 1);
        String b = backorder(sku, 1);

        api.ok(api.post("/api/reservations/" + first + "/release"));

        awaitAllocated(a);
        awaitFillsDone();
        assertThat(status(b)).as("one unit came back, for the earliest line").isEqualTo("BACKORDERED");
        JsonNode filled = api.ok(api.get("/api/orders/" + a));
        String reservation = filled.path("lines").get(0).path("reservationId").asString();
        assertThat(api.ok(api.get("/api/reservations/" + reservation)).path("holder").asString()).isEqualTo(a + "#1");
        JsonNode history = filled.path("history");
        assertThat(history.get(history.size() - 2).path("actor").asString()).isEqualTo("system");
        assertThat(history.get(history.size() - 2).path("to").asString()).isEqualTo("ALLOCATED");

        api.ok(api.post("/api/reservations/" + second + "/release"));

        awaitAllocated(b);
        assertThat(api.reserved(sku)).isEqualTo(2);
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isZero();
        assertThat(probe.ofSku(sku)).isEmpty();
        api.assertConsistent();
    }

    @Test
    void anUpwardCountFillsWhatFitsAndALineTooBigForItWaits() {
        String sku = api.product("CNTFILL", true);
        api.inbound(sku, shop.store(), 10, today().plusDays(7));
        String big = backorder(sku, 3);
        String small = backorder(sku, 2);

        api.ok(api.post("/api/stock/adjustments", JSON.createObjectNode().put("sku", sku).put("location", shop.store())
                .put("countedSellable", 2).put("reason", "found two more on the shelf")));

        awaitAllocated(small);
        awaitFillsDone();
        assertThat(status(big)).as("needs 3, only 2 were found").isEqualTo("BACKORDERED");
        assertThat(api.level(sku, shop.store()).path("reserved").intValue()).isEqualTo(2);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isZero();
        api.assertConsistent();
    }

    @Test
    void liftingAProtectionFillsTheLinesItHeldBack() {
        String sku = api.product("PROTFILL", true);
        api.sellable(sku, shop.store(), 1);
        long protection = api.ok(api.post("/api/protections", JSON.createObjectNode().put("kind", "STORE_KEEPS")
                .put("location", shop.store()).put("sku", sku).put("quantity", 1))).path("id").longValue();
        api.inbound(sku, shop.store(), 10, today().plusDays(7));
        String a = backorder(sku, 1);

        OrderApi.Response lifted = api.delete("/api/protections/" + protection);
        assertThat(lifted.status()).isEqualTo(204);

        awaitAllocated(a);
        assertThat(api.level(sku, shop.store()).path("reserved").intValue()).isEqualTo(1);
        api.assertConsistent();
    }

    @Test
    void aReceiptIsNotSellableAndFillsNothingUntilInspected() {
        String sku = api.product("RCPTFILL", true);
        api.inbound(sku, shop.warehouse(), 10, today().plusDays(7));
        String a = backorder(sku, 1);

        api.ok(api.post("/api/stock/receipts", JSON.createObjectNode().put("sku", sku).put("location", shop.warehouse())
                .put("quantity", 1)));
        awaitFillsDone();
        assertThat(status(a)).as("received units are INSPECTING, not sellable").isEqualTo("BACKORDERED");

        api.ok(api.post("/api/stock/inspections", JSON.createObjectNode().put("sku", sku)
                .put("location", shop.warehouse()).put("passed", 1).put("failed", 0)));
        Events.awaitHandled(jdbc, sku); // the fill after an inspection is a durable, asynchronous listener
        assertThat(status(a)).as("the inspection fills it").isEqualTo("ALLOCATED");
    }
}
