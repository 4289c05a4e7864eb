package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import dev.zaiko.support.Events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Backordered lines filled when inspection makes units sellable, and what happens when the stock does not come. */
class BackorderApiTest extends OrderApiTestBase {

    long inbound(String sku, int units, LocalDate expectedOn) {
        return api.ok(api.post("/api/inbounds", JSON.createObjectNode().put("sku", sku).put("location", shop.warehouse())
                .put("quantity", units).put("expectedOn", expectedOn.toString()))).path("id").longValue();
    }

    String backorder(String sku, int quantity, boolean b2b) {
        ObjectNode body = order(shop.web(), sku, quantity).put("b2b", b2b);
        OrderApi.Response placed = api.post("/api/orders", body);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().path("lines").get(0).path("status").asString()).isEqualTo("BACKORDERED");
        return placed.json().path("orderNumber").asString();
    }

    void arrive(long inbound, int units) {
        api.ok(api.post("/api/inbounds/" + inbound + "/arrivals", JSON.createObjectNode().put("quantity", units)));
    }

    /** Inspects and waits until the backorders are filled or settled (asynchronously, after the commit). */
    void inspect(String sku, int passed, int failed) {
        api.ok(api.post("/api/stock/inspections", JSON.createObjectNode().put("sku", sku)
                .put("location", shop.warehouse()).put("passed", passed).put("failed", failed)));
        Events.awaitHandled(jdbc, sku);
    }

    JsonNode line(String number) {
        return api.ok(api.get("/api/orders/" + number)).path("lines").get(0);
    }

    @Test
    void inspectedUnitsFillTheEarliestBackordersFirstAndWhatFitsAfterThem() {
        String sku = api.product("FILL", true);
        long po = inbound(sku, 4, today().plusDays(5));
        String a = backorder(sku, 1, false);
        String b = backorder(sku, 2, false);
        String c = backorder(sku, 1, false);

        arrive(po, 4);
        assertThat(line(a).path("status").asString()).as("not before inspection").isEqualTo("BACKORDERED");
        inspect(sku, 2, 0);

        assertThat(line(a).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line(b).path("status").asString()).as("needs 2, only 1 left").isEqualTo("BACKORDERED");
        assertThat(line(c).path("status").asString()).as("what fits is not held back").isEqualTo("ALLOCATED");
        JsonNode filled = api.ok(api.get("/api/orders/" + a));
        assertThat(filled.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(filled.path("lines").get(0).path("promisedDate").isNull()).isTrue();
        String reservation = filled.path("lines").get(0).path("reservationId").asString();
        assertThat(api.ok(api.get("/api/reservations/" + reservation)).path("holder").asString()).isEqualTo(a + "#1");
        JsonNode history = filled.path("history");
        JsonNode change = history.get(history.size() - 2);
        assertThat(change.path("lineNo").intValue()).isEqualTo(1);
        assertThat(change.path("from").asString()).isEqualTo("BACKORDERED");
        assertThat(change.path("to").asString()).isEqualTo("ALLOCATED");
        assertThat(change.path("actor").asString()).isEqualTo("system");

        inspect(sku, 2, 0);
        assertThat(line(b).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(api.reserved(sku)).isEqualTo(4);
        assertThat(probe.ofSku(sku)).isEmpty();
        api.assertConsistent();
    }

    @Test
    void byDefaultABusinessCustomerWaitsItsTurnLikeEveryoneElse() {
        String sku = api.product("B2BDEF", true);
        long po = inbound(sku, 2, today().plusDays(5));
        String consumer = backorder(sku, 1, false);
        String business = backorder(sku, 1, true);

        arrive(po, 2);
        inspect(sku, 1, 0);

        assertThat(line(consumer).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line(business).path("status").asString()).as("one unit still being inspected")
                .isEqualTo("BACKORDERED");
        api.assertConsistent();
    }

    @Test
    void aShortArrivalFillsTheEarliestOrdersOnceInspectedAndTheRestAreShortWithTheNextInboundDate() {
        String sku = api.product("SHORT", true);
        long po = inbound(sku, 3, today().plusDays(5));
        inbound(sku, 10, today().plusDays(20));
        String a = backorder(sku, 1, false);
        String b = backorder(sku, 1, false);
        String c = backorder(sku, 1, false);
        assertThat(line(c).path("promisedDate").asString()).isEqualTo(today().plusDays(5).toString());

        arrive(po, 2);
        inspect(sku, 1, 0);
        assertThat(line(a).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line(b).path("status").asString()).as("one unit still being inspected").isEqualTo("BACKORDERED");
        assertThat(line(c).path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(probe.ofSku(sku)).isEmpty();

        inspect(sku, 1, 0);

        assertThat(line(b).path("status").asString()).isEqualTo("ALLOCATED");
        JsonNode shortOrder = api.ok(api.get("/api/orders/" + c));
        assertThat(shortOrder.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        JsonNode shortLine = shortOrder.path("lines").get(0);
        assertThat(shortLine.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(shortLine.path("promisedDate").asString()).as("the next dated inbound")
                .isEqualTo(today().plusDays(20).toString());
        JsonNode history = shortOrder.path("history");
        assertThat(history.get(history.size() - 2).path("reason").asString()).contains("arrived short")
                .contains(today().plusDays(20).toString());
        assertThat(probe.ofSku(sku)).singleElement().satisfies(e -> {
            assertThat(e.orderNumber()).isEqualTo(c);
            assertThat(e.reason()).isEqualTo(OrderLineShort.INBOUND_SHORT);
            assertThat(e.quantity()).isEqualTo(1);
        });
        assertThat(api.reserved(sku)).isEqualTo(2);
        api.assertConsistent();
    }

    @Test
    void aShortArrivalWithNoOtherInboundLeavesTheUnfilledLinesShortWithoutADate() {
        String sku = api.product("SHORTNONE", true);
        long po = inbound(sku, 2, today().plusDays(3));
        String a = backorder(sku, 1, false);
        String b = backorder(sku, 1, false);

        arrive(po, 1);
        inspect(sku, 1, 0);

        assertThat(line(a).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line(b).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(line(b).path("promisedDate").isNull()).isTrue();
        assertThat(probe.about(b)).extracting(OrderLineShort::reason).containsExactly(OrderLineShort.INBOUND_SHORT);
        assertThat(probe.about(a)).isEmpty();
        api.assertConsistent();
    }

    @Test
    void aSupplierCancellationMakesItsWaitingLinesShortAndOffersTheNextInboundDate() {
        String sku = api.product("CANCEL", true);
        long po = inbound(sku, 2, today().plusDays(4));
        String a = backorder(sku, 1, false);
        String b = backorder(sku, 1, false);
        inbound(sku, 5, today().plusDays(30));

        JsonNode cancelled = api.ok(api.post("/api/inbounds/" + po + "/cancel", ""));

        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        for (String number : new String[] {a, b}) {
            JsonNode l = line(number);
            assertThat(l.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
            assertThat(l.path("promisedDate").asString()).isEqualTo(today().plusDays(30).toString());
            assertThat(probe.about(number)).singleElement().satisfies(e -> {
                assertThat(e.reason()).isEqualTo(OrderLineShort.SUPPLIER_CANCELLED);
                assertThat(e.sku()).isEqualTo(sku);
            });
        }
        assertThat(api.reserved(sku)).isZero();
        api.assertConsistent();
    }

    @Test
    void aCancelledInboundWhoseDateAnotherInboundStillCoversLeavesItsLinesWaiting() {
        String sku = api.product("CANCOVER", true);
        long po = inbound(sku, 1, today().plusDays(4));
        inbound(sku, 1, today().plusDays(4));
        String a = backorder(sku, 1, false);

        api.ok(api.post("/api/inbounds/" + po + "/cancel", ""));

        assertThat(line(a).path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(probe.about(a)).isEmpty();
    }

    @Test
    void aFullArrivalWhoseUnitsPartlyFailInspectionLeavesTheLinesItCannotFillShortWithTheNextInboundDate() {
        String sku = api.product("FULLFAIL", true);
        long po = inbound(sku, 3, today().plusDays(5));
        inbound(sku, 10, today().plusDays(20));
        String a = backorder(sku, 1, false);
        String b = backorder(sku, 1, false);
        String c = backorder(sku, 1, false);

        arrive(po, 3); // in full
        inspect(sku, 1, 1);
        assertThat(line(a).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line(b).path("status").asString()).as("one unit still being inspected").isEqualTo("BACKORDERED");
        assertThat(line(c).path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(probe.ofSku(sku)).isEmpty();

        inspect(sku, 1, 0);

        assertThat(line(b).path("status").asString()).isEqualTo("ALLOCATED");
        JsonNode shortOrder = api.ok(api.get("/api/orders/" + c));
        assertThat(shortOrder.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(shortOrder.path("lines").get(0).path("promisedDate").asString()).as("the next dated inbound")
                .isEqualTo(today().plusDays(20).toString());
        JsonNode history = shortOrder.path("history");
        assertThat(history.get(history.size() - 2).path("reason").asString()).contains("after inspection")
                .contains(today().plusDays(20).toString());
        assertThat(probe.ofSku(sku)).singleElement().satisfies(e -> {
            assertThat(e.orderNumber()).isEqualTo(c);
            assertThat(e.reason()).isEqualTo(OrderLineShort.INBOUND_SHORT);
            assertThat(e.quantity()).isEqualTo(1);
        });
        assertThat(api.reserved(sku)).isEqualTo(2);
        assertThat(api.level(sku, shop.warehouse()).path("defective").intValue()).isEqualTo(1);
        api.assertConsistent();
    }

    @Test
    void aFullArrivalWhoseUnitsAllFailWithNoOtherInboundLeavesItsLinesShortWithoutADate() {
        String sku = api.product("FULLNONE", true);
        long po = inbound(sku, 2, today().plusDays(3));
        String a = backorder(sku, 1, false);
        String b = backorder(sku, 1, false);

        arrive(po, 2);
        inspect(sku, 0, 2);

        for (String number : new String[] {a, b}) {
            assertThat(line(number).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
            assertThat(line(number).path("promisedDate").isNull()).isTrue();
            assertThat(probe.about(number)).extracting(OrderLineShort::reason)
                    .containsExactly(OrderLineShort.INBOUND_SHORT);
        }
        api.assertConsistent();
    }

    @Test
    void aFullArrivalThatFillsEveryWaitingLineLeavesNobodyShort() {
        String sku = api.product("FULLOK", true);
        long po = inbound(sku, 3, today().plusDays(3));
        String a = backorder(sku, 2, false);
        String b = backorder(sku, 1, false);

        arrive(po, 3);
        inspect(sku, 3, 0);

        assertThat(line(a).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line(b).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(probe.ofSku(sku)).isEmpty();
        api.assertConsistent();
    }

    @Test
    void aShortArrivalWhoseUnitsAllFailInspectionLeavesEveryWaitingLineShort() {
        String sku = api.product("SHORTFAIL", true);
        long po = inbound(sku, 2, today().plusDays(3));
        String a = backorder(sku, 1, false);
        String b = backorder(sku, 1, false);

        arrive(po, 1);
        inspect(sku, 0, 1);

        for (String number : new String[] {a, b}) {
            assertThat(line(number).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
            assertThat(probe.about(number)).extracting(OrderLineShort::reason)
                    .containsExactly(OrderLineShort.INBOUND_SHORT);
        }
        assertThat(api.level(sku, shop.warehouse()).path("defective").intValue()).isEqualTo(1);
        api.assertConsistent();
    }
}
