package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /api/orders/{n}/pack: shipping what passed, a defect at packing with and without a replacement. */
class PackingApiTest extends OrderApiTestBase {

    static ObjectNode packing(int lineNo, int passed, int defective) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("lines").addObject().put("lineNo", lineNo).put("passed", passed).put("defective", defective);
        return body;
    }

    private String place(String sku, int quantity) {
        OrderApi.Response placed = api.post("/api/orders", order(shop.web(), sku, quantity));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().path("orderNumber").asString();
    }

    @Test
    void everyUnitPassedShipsTheLineAndCommitsItsReservation() {
        String sku = api.product("PASS", false);
        api.sellable(sku, shop.warehouse(), 2);
        String number = place(sku, 2);

        JsonNode packed = api.ok(api.post("/api/orders/" + number + "/pack", packing(1, 2, 0)));

        assertThat(packed.path("status").asString()).isEqualTo("SHIPPED");
        assertThat(packed.path("lines").get(0).path("status").asString()).isEqualTo("SHIPPED");
        String reservation = packed.path("lines").get(0).path("reservationId").asString();
        assertThat(api.ok(api.get("/api/reservations/" + reservation)).path("status").asString()).isEqualTo("COMMITTED");
        JsonNode wh = api.level(sku, shop.warehouse());
        assertThat(wh.path("sellable").intValue()).isZero();
        assertThat(wh.path("reserved").intValue()).isZero();
        assertThat(probe.about(number)).isEmpty();
        api.assertConsistent();
    }

    @Test
    void aDefectiveLastUnitIsReplacedFromTheStoreAndTheLineShipsWhenPackedAgain() {
        String sku = api.product("DEFREP", false);
        api.sellable(sku, shop.warehouse(), 1);
        api.sellable(sku, shop.store(), 1);
        String number = place(sku, 1);
        String reservation = api.ok(api.get("/api/orders/" + number)).path("lines").get(0).path("reservationId").asString();
        assertThat(api.level(sku, shop.warehouse()).path("reserved").intValue()).as("warehouse first").isEqualTo(1);

        JsonNode packed = api.ok(api.post("/api/orders/" + number + "/pack", packing(1, 0, 1)));

        JsonNode line = packed.path("lines").get(0);
        assertThat(line.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line.path("reservationId").asString()).as("the replacement joins the line's reservation")
                .isEqualTo(reservation);
        assertThat(packed.path("status").asString()).isEqualTo("ALLOCATED");
        JsonNode last = packed.path("history").get(packed.path("history").size() - 1);
        assertThat(last.path("lineNo").intValue()).isEqualTo(1);
        assertThat(last.path("to").asString()).isEqualTo("ALLOCATED");
        assertThat(last.path("reason").asString()).contains("defective").contains("replaced").contains(shop.store());
        JsonNode wh = api.level(sku, shop.warehouse());
        assertThat(wh.path("defective").intValue()).isEqualTo(1);
        assertThat(wh.path("reserved").intValue()).isZero();
        JsonNode store = api.level(sku, shop.store());
        assertThat(store.path("reserved").intValue()).isEqualTo(1);
        assertThat(store.path("sellable").intValue()).isZero();
        JsonNode held = api.ok(api.get("/api/reservations/" + reservation));
        assertThat(held.path("status").asString()).isEqualTo("OPEN");
        assertThat(held.path("quantity").intValue()).as("units of every part, the defective one included")
                .isEqualTo(2);
        assertThat(probe.about(number)).isEmpty();
        api.assertConsistent();

        JsonNode shipped = api.ok(api.post("/api/orders/" + number + "/pack", packing(1, 1, 0)));
        assertThat(shipped.path("status").asString()).isEqualTo("SHIPPED");
        assertThat(api.level(sku, shop.store()).path("reserved").intValue()).isZero();
        assertThat(api.level(sku, shop.warehouse()).path("defective").intValue()).isEqualTo(1);
        api.assertConsistent();
    }

    @Test
    void aDefectiveLastUnitWithNoReplacementLeavesTheLineAwaitingTheCustomer() {
        String sku = api.product("DEFNONE", false);
        api.sellable(sku, shop.warehouse(), 1);
        String number = place(sku, 1);

        JsonNode packed = api.ok(api.post("/api/orders/" + number + "/pack", packing(1, 0, 1)));

        assertThat(packed.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(packed.path("lines").get(0).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        List<OrderLineShort> events = probe.about(number);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(OrderLineShort.INSPECTION_DEFECT);
            assertThat(e.lineNo()).isEqualTo(1);
            assertThat(e.sku()).isEqualTo(sku);
            assertThat(e.quantity()).isEqualTo(1);
        });
        JsonNode wh = api.level(sku, shop.warehouse());
        assertThat(wh.path("defective").intValue()).isEqualTo(1);
        assertThat(wh.path("reserved").intValue()).isZero();
        assertThat(wh.path("sellable").intValue()).isZero();
        assertThat(api.ok(api.get("/api/availability/" + sku + "?channel=" + shop.web())).path("ats").intValue())
                .isZero();
        api.assertConsistent();
    }

    @Test
    void badPackingRequestsAreRefusedAndChangeNothing() {
        String sku = api.product("PACKBAD", false);
        api.sellable(sku, shop.warehouse(), 3);
        String number = place(sku, 2);
        List<String> skus = List.of(sku);

        api.rejected(404, null, skus, () -> api.post("/api/orders/" + OrderNumber.random() + "/pack",
                packing(1, 2, 0)));
        api.rejected(400, null, skus, () -> api.post("/api/orders/" + number + "/pack", packing(1, 1, 0)));
        api.rejected(400, null, skus, () -> api.post("/api/orders/" + number + "/pack", packing(1, 2, 1)));
        api.rejected(400, null, skus, () -> api.post("/api/orders/" + number + "/pack", packing(2, 2, 0)));
        api.rejected(400, null, skus, () -> api.post("/api/orders/" + number + "/pack", packing(1, -1, 3)));
        ObjectNode none = JSON.createObjectNode();
        none.putArray("lines");
        api.rejected(400, null, skus, () -> api.post("/api/orders/" + number + "/pack", none));
        ObjectNode twice = packing(1, 2, 0);
        twice.withArray("lines").addObject().put("lineNo", 1).put("passed", 2).put("defective", 0);
        api.rejected(400, null, skus, () -> api.post("/api/orders/" + number + "/pack", twice));

        api.ok(api.post("/api/orders/" + number + "/pack", packing(1, 2, 0)));
        OrderApi.Response again = api.rejected(409, "line-not-allocated", skus,
                () -> api.post("/api/orders/" + number + "/pack", packing(1, 2, 0)));
        assertThat(again.detail()).contains("SHIPPED");
        assertThat(probe.about(number)).isEmpty();
    }
}
