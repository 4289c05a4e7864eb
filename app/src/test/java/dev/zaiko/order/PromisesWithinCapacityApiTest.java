package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.zaiko.support.Events;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A backorder is promised an inbound only from its units not yet promised to earlier lines. */
class PromisesWithinCapacityApiTest extends OrderApiTestBase {

    @Autowired
    CancellingOnTheChannel cancelling;

    long inbound(String sku, int units, LocalDate expectedOn) {
        return api.ok(api.post("/api/inbounds", JSON.createObjectNode().put("sku", sku).put("location", shop.warehouse())
                .put("quantity", units).put("expectedOn", expectedOn.toString()))).path("id").longValue();
    }

    JsonNode backorder(String sku, int quantity) {
        return backorder(order(shop.web(), sku, quantity));
    }

    JsonNode backorder(ObjectNode body) {
        OrderApi.Response placed = api.post("/api/orders", body);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode line = placed.json().path("lines").get(0);
        assertThat(line.path("status").asString()).as(placed.body()).isEqualTo("BACKORDERED");
        return placed.json();
    }

    JsonNode inboundOf(long id) {
        return api.ok(api.get("/api/inbounds/" + id));
    }

    JsonNode line(String number) {
        return api.ok(api.get("/api/orders/" + number)).path("lines").get(0);
    }

    @Test
    void twoInboundsOfTenAndFiftyPromiseTheFirstTenBackordersTheFirstDateAndTheNextTwentyTheSecond() {
        String sku = api.product("PROMISE", true);
        LocalDate first = today().plusDays(5);
        LocalDate second = today().plusDays(20);
        long small = inbound(sku, 10, first);
        long large = inbound(sku, 50, second);

        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            JsonNode placed = backorder(sku, 1);
            numbers.add(placed.path("orderNumber").asString());
            JsonNode line = placed.path("lines").get(0);
            assertThat(line.path("promisedDate").asString()).as("backorder " + i)
                    .isEqualTo((i < 10 ? first : second).toString());
            assertThat(line.path("promisedInboundId").longValue()).as("backorder " + i).isEqualTo(i < 10 ? small : large);
        }

        JsonNode listed = api.ok(api.get("/api/inbounds?sku=" + sku));
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path("id").longValue()).isEqualTo(small);
        assertThat(listed.get(0).path("promised").intValue()).isEqualTo(10);
        assertThat(listed.get(0).path("free").intValue()).isZero();
        assertThat(listed.get(1).path("promised").intValue()).isEqualTo(20);
        assertThat(listed.get(1).path("free").intValue()).isEqualTo(30);
        assertThat(inboundOf(large).path("free").intValue()).isEqualTo(30);

        JsonNode later = backorder(sku, 1).path("lines").get(0);
        assertThat(later.path("promisedDate").asString()).as("from the second inbound's remaining units")
                .isEqualTo(second.toString());
        assertThat(inboundOf(large).path("free").intValue()).isEqualTo(29);

        // the first inbound arrives in full; its units are the first ten lines', not a new order's
        api.ok(api.post("/api/inbounds/" + small + "/arrivals", JSON.createObjectNode().put("quantity", 10)));
        api.ok(api.post("/api/stock/inspections", JSON.createObjectNode().put("sku", sku)
                .put("location", shop.warehouse()).put("passed", 10).put("failed", 0)));
        JsonNode newcomer = backorder(sku, 1);
        Events.awaitHandled(jdbc, sku);

        for (int i = 0; i < 30; i++) {
            assertThat(line(numbers.get(i)).path("status").asString()).as("backorder " + i)
                    .isEqualTo(i < 10 ? "ALLOCATED" : "BACKORDERED");
        }
        JsonNode waiting = line(newcomer.path("orderNumber").asString());
        assertThat(waiting.path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(waiting.path("promisedDate").asString()).isEqualTo(second.toString());
        assertThat(inboundOf(large).path("promised").intValue()).isEqualTo(22);
        assertThat(inboundOf(small).path("promised").intValue()).as("filled lines no longer count").isZero();
        assertThat(api.reserved(sku)).isEqualTo(10);
        api.assertConsistent();
    }

    @Test
    void fullyPromisedInboundsAndNoFurtherInboundLeaveTheBackorderWithoutADateAndItSaysSo() {
        String sku = api.product("NODATE", true);
        long po = inbound(sku, 2, today().plusDays(5));
        backorder(sku, 1);
        backorder(sku, 1);

        ObjectNode body = order(shop.web(), sku, 1);
        OrderApi.Response ja = api.post("/api/orders", body, "ja");
        assertThat(ja.status()).as(ja.body()).isEqualTo(201);
        JsonNode undated = ja.json().path("lines").get(0);
        assertThat(undated.path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(undated.path("promisedDate").isNull()).isTrue();
        assertThat(undated.path("promisedInboundId").isNull()).isTrue();
        assertThat(undated.path("statusText").asString()).contains("お届け日は未定");
        String number = ja.json().path("orderNumber").asString();
        assertThat(api.ok(api.get("/api/orders/" + number, "en")).path("lines").get(0).path("statusText").asString())
                .isEqualTo("On backorder without a date: every expected unit is already promised to earlier orders");
        JsonNode history = ja.json().path("history");
        assertThat(history.get(history.size() - 1).path("reason").asString()).contains("without a date");
        assertThat(inboundOf(po).path("promised").intValue()).as("an undated line promises nothing").isEqualTo(2);

        // a line that no single inbound covers whole waits without a date too, though two together would
        String bigger = api.product("NODATEBIG", true);
        inbound(bigger, 3, today().plusDays(5));
        inbound(bigger, 3, today().plusDays(9));
        JsonNode five = backorder(bigger, 5).path("lines").get(0);
        assertThat(five.path("promisedDate").isNull()).isTrue();
        api.assertConsistent();
    }

    @Test
    void aCancelledBackorderFreesItsPromiseAndTheNextNewOrderGetsThatDate() {
        String sku = api.product("FREED", true);
        LocalDate first = today().plusDays(4);
        LocalDate second = today().plusDays(30);
        long po = inbound(sku, 1, first);
        inbound(sku, 5, second);
        String ref = "cart-" + sku;
        JsonNode early = backorder(order(shop.web(), sku, 1).put("externalRef", ref));
        assertThat(early.path("lines").get(0).path("promisedDate").asString()).isEqualTo(first.toString());
        assertThat(backorder(sku, 1).path("lines").get(0).path("promisedDate").asString()).isEqualTo(second.toString());
        assertThat(inboundOf(po).path("free").intValue()).isZero();

        cancelling.cancel(shop.web(), ref, "api", "The customer cancelled.");

        assertThat(line(early.path("orderNumber").asString()).path("status").asString()).isEqualTo("CANCELLED");
        assertThat(inboundOf(po).path("free").intValue()).isEqualTo(1);
        assertThat(backorder(sku, 1).path("lines").get(0).path("promisedDate").asString()).isEqualTo(first.toString());
        assertThat(inboundOf(po).path("free").intValue()).isZero();
        api.assertConsistent();
    }

    @Test
    void aSupplierCancellationShortsOnlyTheLinesPromisedThatInboundNotThoseOfAnotherOfTheSameDay() {
        String sku = api.product("SAMEDAY", true);
        LocalDate day = today().plusDays(6);
        long cancelled = inbound(sku, 1, day);
        long kept = inbound(sku, 1, day);
        String onCancelled = backorder(sku, 1).path("orderNumber").asString();
        String onKept = backorder(sku, 1).path("orderNumber").asString();
        assertThat(line(onCancelled).path("promisedInboundId").longValue()).isEqualTo(cancelled);
        assertThat(line(onKept).path("promisedInboundId").longValue()).isEqualTo(kept);

        api.ok(api.post("/api/inbounds/" + cancelled + "/cancel", ""));

        JsonNode shortLine = line(onCancelled);
        assertThat(shortLine.path("status").asString()).as("the other inbound of that day is promised to another line")
                .isEqualTo("AWAITING_CUSTOMER");
        assertThat(shortLine.path("promisedDate").isNull()).isTrue();
        assertThat(probe.ofSku(sku)).singleElement().satisfies(e -> {
            assertThat(e.orderNumber()).isEqualTo(onCancelled);
            assertThat(e.reason()).isEqualTo(OrderLineShort.SUPPLIER_CANCELLED);
        });
        JsonNode waiting = line(onKept);
        assertThat(waiting.path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(waiting.path("promisedInboundId").longValue()).isEqualTo(kept);
        api.assertConsistent();
    }

    @Test
    void aShortLineWhoseCustomerChoosesToWaitIsPromisedTheInboundAndCountsAgainstItsUnits() {
        String sku = api.product("WAITS", true);
        LocalDate day = today().plusDays(7);
        long po = api.ok(api.post("/api/inbounds", JSON.createObjectNode().put("sku", sku).put("location", shop.store())
                .put("quantity", 2).put("expectedOn", day.toString()))).path("id").longValue();
        OrderApi.Response placed = api.post("/api/orders", order(shop.marketplace(), sku, 1).put("externalRef",
                "AMZ-" + sku));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String number = placed.json().path("orderNumber").asString();
        JsonNode cases = api.ok(api.get("/api/stockouts?order=" + number + "&size=10")).path("items");
        assertThat(cases).hasSize(1);

        api.ok(api.post("/api/stockouts/" + cases.get(0).path("id").asString() + "/decision",
                JSON.createObjectNode().put("choice", "WAIT").put("decidedBy", "operator")));

        JsonNode waiting = line(number);
        assertThat(waiting.path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(waiting.path("promisedDate").asString()).isEqualTo(day.toString());
        assertThat(waiting.path("promisedInboundId").longValue()).isEqualTo(po);
        assertThat(inboundOf(po).path("promised").intValue()).isEqualTo(1);
        assertThat(inboundOf(po).path("free").intValue()).isEqualTo(1);
        JsonNode two = backorder(sku, 2).path("lines").get(0);
        assertThat(two.path("promisedDate").isNull()).as("one unit left, two asked").isTrue();
        api.assertConsistent();
    }

    @Test
    void aNewOrderQueuedBehindAWaitingBackorderGetsTheUnitsItLeavesAndIsAnsweredAllocated() {
        String sku = api.product("LEFTOVER", true);
        inbound(sku, 10, today().plusDays(8));
        String big = backorder(sku, 5).path("orderNumber").asString();
        api.sellable(sku, shop.warehouse(), 3); // too few for the waiting line of five
        Events.awaitHandled(jdbc, sku);
        assertThat(line(big).path("status").asString()).isEqualTo("BACKORDERED");

        OrderApi.Response placed = api.post("/api/orders", order(shop.web(), sku, 2));

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode line = placed.json().path("lines").get(0);
        assertThat(line.path("status").asString()).as("filled after the waiting line, in the same request")
                .isEqualTo("ALLOCATED");
        JsonNode history = placed.json().path("history");
        assertThat(history.toString()).contains("backordered behind them");
        assertThat(line(big).path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(api.reserved(sku)).isEqualTo(2);
        api.assertConsistent();
    }
}
