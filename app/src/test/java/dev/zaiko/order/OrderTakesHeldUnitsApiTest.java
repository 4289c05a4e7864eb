package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A buyer who held units in a cart ({@code POST /api/reservations}) orders them: the order's line
 * names the reservation and takes it over instead of reserving a second time. A reservation that
 * is not the line's, or no longer held, is refused naming the field, and a refused order never
 * releases the buyer's hold.
 */
class OrderTakesHeldUnitsApiTest extends OrderApiTestBase {

    @Autowired
    MovableClock clock;

    /** The carts this test held: released after it, so that no later test of the suite finds them stray. */
    final List<String> carts = new java.util.ArrayList<>();

    @AfterEach
    void realTimeAndNoCartLeftHeld() {
        clock.reset();
        for (String id : carts) {
            JsonNode r = reservation(id);
            if (r.path("status").asString().equals("OPEN") && !r.path("expiresAt").isNull()) {
                api.ok(api.post("/api/reservations/" + id + "/release"));
            }
        }
    }

    String hold(String channel, String sku, int quantity) {
        String id = api.ok(api.post("/api/reservations", JSON.createObjectNode().put("channel", channel).put("sku", sku)
                .put("quantity", quantity).put("holder", "cart-42").put("holdFor", "PT15M"))).path("id").asString();
        carts.add(id);
        return id;
    }

    static ObjectNode taking(ObjectNode order, int lineIndex, String reservationId) {
        ((ObjectNode) order.withArray("lines").get(lineIndex)).put("reservationId", reservationId);
        return order;
    }

    int ats(String sku, String channel) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    int reservationRows(String sku) {
        return jdbc.queryForObject("select count(distinct id) from inventory_reservation where sku = ?", Integer.class,
                sku);
    }

    int movements(String sku, String kind) {
        int n = 0;
        for (JsonNode m : api.ok(api.get("/api/stock/" + sku + "/movements"))) {
            if (m.path("kind").asString().equals(kind)) n++;
        }
        return n;
    }

    int ordersOn(String channel) {
        return jdbc.queryForObject("select count(*) from orders_order where channel = ?", Integer.class, channel);
    }

    static JsonNode firstLine(JsonNode order) {
        return order.path("lines").get(0);
    }

    JsonNode reservation(String id) {
        return api.ok(api.get("/api/reservations/" + id));
    }

    @Test
    void anOrderTakesTheBuyersHeldUnitsWithoutReservingThemASecondTime() {
        String sku = api.product("CART", false);
        api.sellable(sku, shop.warehouse(), 5);
        String held = hold(shop.web(), sku, 2);
        int atsHeld = ats(sku, shop.web());
        assertThat(atsHeld).isEqualTo(3);

        JsonNode placed = api.ok(api.post("/api/orders", taking(order(shop.web(), sku, 2), 0, held)));

        assertThat(firstLine(placed).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(firstLine(placed).path("reservationId").asString()).isEqualTo(held);
        assertThat(reservationRows(sku)).as("one reservation, the buyer's").isEqualTo(1);
        assertThat(movements(sku, "RESERVE")).as("one RESERVE movement").isEqualTo(1);
        assertThat(ats(sku, shop.web())).as("availability unchanged by the order").isEqualTo(atsHeld);
        JsonNode taken = reservation(held);
        assertThat(taken.path("status").asString()).isEqualTo("OPEN");
        assertThat(taken.path("expiresAt").isNull()).as("claimed by the order: kept, no longer expiring").isTrue();
        api.assertConsistent();
    }

    @Test
    void aReservationForAnotherSkuChannelOrQuantityIsRefusedNamingTheLineAndNothingIsWritten() {
        String tent = api.product("CART", false);
        String lamp = api.product("CART", false);
        api.sellable(tent, shop.warehouse(), 5);
        api.sellable(tent, shop.store(), 5);
        api.sellable(lamp, shop.warehouse(), 5);
        String lampHold = hold(shop.web(), lamp, 1);
        String marketHold = hold(shop.marketplace(), tent, 1);
        String twoTents = hold(shop.web(), tent, 2);

        for (ObjectNode wrong : List.of(
                taking(order(shop.web(), lamp, 1, tent, 1), 1, lampHold),
                taking(order(shop.web(), lamp, 1, tent, 1), 1, marketHold),
                taking(order(shop.web(), lamp, 1, tent, 1), 1, twoTents),
                taking(order(shop.web(), lamp, 1, tent, 1), 1, "0190aaaa-0000-7000-8000-000000000000"))) {
            JsonNode problem = api.rejected(400, "invalid-reservation", List.of(tent, lamp),
                    () -> api.post("/api/orders", wrong)).json();
            assertThat(problem.path("field").asString()).isEqualTo("lines[1].reservationId");
        }
        ObjectNode twice = taking(taking(order(shop.web(), tent, 2, tent, 2), 0, twoTents), 1, twoTents);
        assertThat(api.rejected(400, "invalid-reservation", List.of(tent), () -> api.post("/api/orders", twice))
                .json().path("field").asString()).isEqualTo("lines[1].reservationId");
        for (String id : List.of(lampHold, marketHold, twoTents)) {
            assertThat(reservation(id).path("expiresAt").isNull()).as("still the buyer's hold").isFalse();
        }
    }

    @Test
    void anExpiredOrAlreadyTakenOrKeptReservationIsRefusedWithAConflictNamingTheLine() {
        String sku = api.product("CART", false);
        api.sellable(sku, shop.warehouse(), 10);
        String taken = hold(shop.web(), sku, 1);
        api.ok(api.post("/api/orders", taking(order(shop.web(), sku, 1), 0, taken)));
        String released = hold(shop.web(), sku, 1);
        api.ok(api.post("/api/reservations/" + released + "/release"));

        for (String id : List.of(taken, released)) {
            JsonNode problem = api.rejected(409, "reservation-expired", List.of(sku),
                    () -> api.post("/api/orders", taking(order(shop.web(), sku, 1), 0, id))).json();
            assertThat(problem.path("field").asString()).isEqualTo("lines[0].reservationId");
        }

        String late = hold(shop.web(), sku, 1);
        clock.advance(Duration.ofMinutes(16)); // its hold ran out; the sweep has not come yet (so it is a stray)
        int orders = ordersOn(shop.web());
        OrderApi.Response refused = api.post("/api/orders", taking(order(shop.web(), sku, 1), 0, late));
        OrderApi.assertProblem(refused, 409, "reservation-expired");
        assertThat(refused.json().path("field").asString()).isEqualTo("lines[0].reservationId");
        assertThat(ordersOn(shop.web())).isEqualTo(orders);
        assertThat(reservation(late).path("status").asString()).as("left for the sweep").isEqualTo("OPEN");
    }

    @Test
    void aRefusedOrderLeavesTheBuyersHoldHeldAndReleasesOnlyWhatItReservedItself() {
        String tent = api.product("CART", false);
        String lamp = api.product("CART", false);
        api.sellable(tent, shop.warehouse(), 3);
        api.sellable(lamp, shop.warehouse(), 1);
        String held = hold(shop.web(), tent, 2);
        String expiresAt = reservation(held).path("expiresAt").asString();

        // the lamp line asks for more than there is: an OWN order is all or nothing
        api.rejected(409, "insufficient-stock", List.of(tent, lamp),
                () -> api.post("/api/orders", taking(order(shop.web(), tent, 2, lamp, 2), 0, held)));

        JsonNode after = reservation(held);
        assertThat(after.path("status").asString()).isEqualTo("OPEN");
        assertThat(after.path("expiresAt").asString()).as("still the buyer's hold, as it was").isEqualTo(expiresAt);
        assertThat(api.level(tent, shop.warehouse()).path("reserved").intValue()).isEqualTo(2);
        assertThat(api.level(lamp, shop.warehouse()).path("reserved").intValue()).isZero();
        // and the buyer can still order it
        assertThat(firstLine(api.ok(api.post("/api/orders", taking(order(shop.web(), tent, 2, lamp, 1), 0, held))))
                .path("reservationId").asString()).isEqualTo(held);
    }

    @Test
    void theSameOrderSentAgainWithItsHeldReservationIsAReplayAndAnotherReservationIsAMismatch() {
        String sku = api.product("CART", false);
        api.sellable(sku, shop.warehouse(), 5);
        String held = hold(shop.web(), sku, 1);
        ObjectNode body = taking(order(shop.web(), sku, 1), 0, held).put("externalRef",
                dev.zaiko.support.ShopApi.unique("cart-order"));
        JsonNode first = api.ok(api.post("/api/orders", body));
        JsonNode again = api.ok(api.post("/api/orders", body));
        assertThat(again.path("orderNumber")).isEqualTo(first.path("orderNumber"));

        String other = hold(shop.web(), sku, 1);
        JsonNode problem = api.rejected(409, "order-replay-mismatch", List.of(sku),
                () -> api.post("/api/orders", taking(body.deepCopy(), 0, other))).json();
        assertThat(problem.path("differences").toString()).contains("lines[0].reservationId");
        assertThat(reservation(other).path("expiresAt").isNull()).isFalse();
    }

    @Test
    void aMemberOrderTakesUnitsKeptForItsSegmentAndAnOrderWithoutItCannot() {
        String sku = api.product("MEMBER", false);
        api.sellable(sku, shop.warehouse(), 3);
        api.ok(api.post("/api/protections", JSON.createObjectNode().put("kind", "MEMBER_QUOTA")
                .put("location", shop.warehouse()).put("sku", sku).put("quantity", 2).put("segment", "PRIME")));

        api.rejected(409, "insufficient-stock", List.of(sku), () -> api.post("/api/orders", order(shop.web(), sku, 2)));
        ObjectNode otherSegment = order(shop.web(), sku, 2);
        otherSegment.withObject("customer").put("segment", "GOLD");
        api.rejected(409, "insufficient-stock", List.of(sku), () -> api.post("/api/orders", otherSegment));

        ObjectNode member = order(shop.web(), sku, 3);
        member.withObject("customer").put("segment", "PRIME");
        JsonNode placed = api.ok(api.post("/api/orders", member));

        assertThat(firstLine(placed).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(placed.path("customer").path("segment").asString()).isEqualTo("PRIME");
        assertThat(reservation(firstLine(placed).path("reservationId").asString()).path("segment").asString())
                .isEqualTo("PRIME");
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isZero();
        assertThat(api.ok(api.get("/api/orders/" + placed.path("orderNumber").asString())).path("customer")
                .path("segment").asString()).isEqualTo("PRIME");
        api.assertConsistent();
    }

    @Test
    void theMemberSegmentIsPartOfWhatAReplayMustRepeat() {
        String sku = api.product("MEMBER", false);
        api.sellable(sku, shop.warehouse(), 5);
        ObjectNode member = order(shop.web(), sku, 1).put("externalRef", dev.zaiko.support.ShopApi.unique("m"));
        member.withObject("customer").put("segment", "PRIME");
        api.ok(api.post("/api/orders", member));
        ObjectNode without = member.deepCopy();
        without.withObject("customer").remove("segment");
        JsonNode problem = api.rejected(409, "order-replay-mismatch", List.of(sku),
                () -> api.post("/api/orders", without)).json();
        assertThat(problem.path("differences").toString()).contains("customer.segment");
    }
}
