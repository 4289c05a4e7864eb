package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.digits;
import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.zaiko.support.Events;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST and GET /api/orders: placement on OWN and MARKETPLACE channels, backorders, displacement, idempotency. */
class OrderApiTest extends OrderApiTestBase {

    @Test
    void anOwnOrderReservesEveryLineAndReadsBackWithItsHistory() {
        String tent = api.product("TENT", false);
        String lamp = api.product("LAMP", false);
        api.sellable(tent, shop.warehouse(), 3);
        api.sellable(lamp, shop.store(), 2);
        ObjectNode body = order(shop.web(), tent, 2, lamp, 1).put("externalRef", OrderApi.unique("CART"))
                .put("express", true).put("promisedDate", today().plusDays(2).toString())
                .put("gift", true).put("b2b", true).put("neededBy", today().plusDays(5).toString())
                .put("shippingFee", 550);
        // an OWN checkout spends the shop's own points, gift balance and coupon: the wallet has them first
        api.grantPoints("hanako.yamada@example.jp", 100, today().plusDays(30));
        api.grantGiftBalance("hanako.yamada@example.jp", 200);
        String coupon = api.coupon("FIXED", 500, today().plusDays(30), "hanako.yamada@example.jp");
        body.withObject("payment").put("pointsUsed", 100).put("couponCode", coupon).put("couponDiscount", 500)
                .put("giftBalanceUsed", 200);
        OrderApi.balancePayment(body);

        OrderApi.Response created = api.post("/api/orders", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode o = created.json();
        String number = o.path("orderNumber").asString();
        assertThat(number).matches("\\d{3}-\\d{7}-\\d{7}");
        assertThat(created.location()).endsWith("/api/orders/" + number);
        assertThat(o.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(o.path("statusText").asString()).isEqualTo("商品確保済み");
        assertThat(o.path("channel").asString()).isEqualTo(shop.web());
        assertThat(o.path("express").booleanValue()).isTrue();
        assertThat(o.path("promisedDate").asString()).isEqualTo(today().plusDays(2).toString());
        assertThat(o.path("gift").booleanValue()).isTrue();
        assertThat(o.path("b2b").booleanValue()).isTrue();
        assertThat(o.path("neededBy").asString()).isEqualTo(today().plusDays(5).toString());
        assertThat(o.path("shippingFee").longValue()).isEqualTo(550);
        assertThat(o.path("customer").path("email").asString()).isEqualTo("hanako.yamada@example.jp");
        assertThat(o.path("customer").path("locale").asString()).isEqualTo("ja");
        assertThat(o.path("payment").path("method").asString()).isEqualTo("CREDIT_CARD");
        assertThat(o.path("payment").path("couponCode").asString()).isEqualTo(coupon);
        assertThat(o.path("payment").path("giftBalanceUsed").longValue()).isEqualTo(200);
        assertThat(o.path("payment").path("couponDiscount").longValue()).isEqualTo(500);
        assertThat(o.path("payment").path("pointsUsed").longValue()).isEqualTo(100);
        assertThat(o.path("payment").path("amount").longValue()).as("3 x 1,980 + 550 - 100 - 500 - 200")
                .isEqualTo(5690);
        JsonNode lines = o.path("lines");
        assertThat(lines.size()).isEqualTo(2);
        JsonNode first = lines.get(0);
        assertThat(first.path("lineNo").intValue()).isEqualTo(1);
        assertThat(first.path("sku").asString()).isEqualTo(tent);
        assertThat(first.path("quantity").intValue()).isEqualTo(2);
        assertThat(first.path("unitPrice").longValue()).isEqualTo(1980);
        assertThat(first.path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(first.path("promisedDate").isNull()).isTrue();
        String reservation = first.path("reservationId").asString();
        JsonNode held = api.ok(api.get("/api/reservations/" + reservation));
        assertThat(held.path("holder").asString()).isEqualTo(number + "#1");
        assertThat(held.path("quantity").intValue()).isEqualTo(2);
        assertThat(api.ok(api.get("/api/reservations/" + lines.get(1).path("reservationId").asString()))
                .path("holder").asString()).isEqualTo(number + "#2");
        assertThat(api.level(tent, shop.warehouse()).path("reserved").intValue()).isEqualTo(2);
        assertThat(api.level(lamp, shop.store()).path("reserved").intValue()).isEqualTo(1);
        JsonNode history = o.path("history");
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.get(0).path("lineNo").isNull()).isTrue();
        assertThat(history.get(0).path("to").asString()).isEqualTo("ALLOCATED");
        assertThat(history.get(0).path("actor").asString()).isEqualTo("api");
        assertThat(history.get(0).path("reason").asString()).isNotBlank();
        assertThat(history.get(0).path("at").asString()).isNotBlank();
        assertThat(history.get(1).path("lineNo").intValue()).isEqualTo(1);

        // read back: with dashes, without, with spaces; English on request
        assertThat(api.ok(api.get("/api/orders/" + number))).isEqualTo(o);
        assertThat(api.ok(api.get("/api/orders/" + digits(number))).path("orderNumber").asString()).isEqualTo(number);
        assertThat(api.ok(api.get("/api/orders/" + number.replace("-", "%20"))).path("orderNumber").asString())
                .isEqualTo(number);
        JsonNode english = api.ok(api.get("/api/orders/" + number, "en"));
        assertThat(english.path("statusText").asString()).isEqualTo("Item secured for you");
        assertThat(english.path("lines").get(0).path("statusText").asString()).isEqualTo("Item secured for you");
        api.assertConsistent();
    }

    @Test
    void anOwnOrderThatCannotBeReservedIsRefusedAndLeavesNothingBehind() {
        String plenty = api.product("PLENTY", false);
        String scarce = api.product("SCARCE", false);
        api.sellable(plenty, shop.warehouse(), 5);
        api.sellable(scarce, shop.store(), 1);

        OrderApi.Response refused = api.rejected(409, "insufficient-stock", List.of(plenty, scarce),
                () -> api.post("/api/orders", order(shop.web(), plenty, 2, scarce, 2)));

        JsonNode problem = refused.json();
        assertThat(problem.path("sku").asString()).isEqualTo(scarce);
        assertThat(problem.path("available").intValue()).isEqualTo(1);
        assertThat(problem.path("requested").intValue()).isEqualTo(2);
        assertThat(problem.path("lineNo").intValue()).isEqualTo(2);
        assertThat(refused.detail()).contains(scarce).contains("only 1 available");
        // the first line's reservation was made and released
        assertThat(jdbc.queryForObject("select count(*) from inventory_reservation where sku = ? and status = 'OPEN'",
                Integer.class, plenty)).isZero();
    }

    @Test
    void aBackorderableLineWithADatedInboundIsBackorderedWithThePromisedDate() {
        String sku = api.product("BACK", true);
        String inStock = api.product("INSTOCK", false);
        api.sellable(sku, shop.warehouse(), 1);
        api.sellable(inStock, shop.warehouse(), 1);
        api.inbound(sku, shop.warehouse(), 10, today().plusDays(20));
        api.inbound(sku, shop.store(), 10, today().plusDays(9));

        JsonNode o = api.ok(api.post("/api/orders", order(shop.web(), inStock, 1, sku, 3)));

        assertThat(o.path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(o.path("statusText").asString()).isEqualTo("入荷待ち");
        JsonNode line = o.path("lines").get(1);
        assertThat(line.path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(line.path("promisedDate").asString()).isEqualTo(today().plusDays(9).toString());
        assertThat(line.path("reservationId").isNull()).isTrue();
        assertThat(line.path("statusText").asString()).startsWith("入荷待ち（").contains("入荷予定");
        assertThat(api.ok(api.get("/api/orders/" + o.path("orderNumber").asString(), "en")).path("lines").get(1)
                .path("statusText").asString()).startsWith("On backorder, expected ");
        assertThat(o.path("lines").get(0).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(api.level(sku, shop.warehouse()).path("reserved").intValue()).isZero();
        assertThat(api.level(sku, shop.warehouse()).path("sellable").intValue()).isEqualTo(1);
        assertThat(o.path("history").findValuesAsString("reason")).anyMatch(r -> r.contains("backordered"));
    }

    @Test
    void aBackorderNeedsABackorderableProductAndAnInboundIntoTheChannelsPool() {
        String notBackorderable = api.product("NOBACK", false);
        api.inbound(notBackorderable, shop.warehouse(), 5, today().plusDays(3));
        api.rejected(409, "insufficient-stock", List.of(notBackorderable),
                () -> api.post("/api/orders", order(shop.web(), notBackorderable, 1)));

        String noInbound = api.product("NOINB", true);
        api.rejected(409, "insufficient-stock", List.of(noInbound),
                () -> api.post("/api/orders", order(shop.web(), noInbound, 1)));

        // the till sells from the store only; an inbound into the warehouse promises it nothing
        String elsewhere = api.product("ELSEW", true);
        api.inbound(elsewhere, shop.warehouse(), 5, today().plusDays(3));
        api.rejected(409, "insufficient-stock", List.of(elsewhere),
                () -> api.post("/api/orders", order(shop.till(), elsewhere, 1)));
    }

    @Test
    void aMarketplaceOrderIsAlwaysRecordedAndEachShortLineAwaitsTheCustomer() {
        String some = api.product("MKT", false);
        String none = api.product("GONE", true);
        api.sellable(some, shop.store(), 1);
        api.inbound(none, shop.store(), 5, today().plusDays(3)); // backorders are not a marketplace's answer

        OrderApi.Response created = api.post("/api/orders", order(shop.marketplace(), some, 1, none, 2)
                .put("externalRef", "AMZ-" + OrderApi.unique("X")));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode o = created.json();
        String number = o.path("orderNumber").asString();
        assertThat(o.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(o.path("lines").get(0).path("status").asString()).isEqualTo("ALLOCATED");
        JsonNode shortLine = o.path("lines").get(1);
        assertThat(shortLine.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(shortLine.path("reservationId").isNull()).isTrue();
        assertThat(shortLine.path("statusText").asString()).isEqualTo("お客様へのご確認待ち（当店からご連絡いたします）");
        List<OrderLineShort> events = probe.about(number);
        assertThat(events).hasSize(1);
        OrderLineShort event = events.get(0);
        assertThat(event.lineNo()).isEqualTo(2);
        assertThat(event.sku()).isEqualTo(none);
        assertThat(event.quantity()).isEqualTo(2);
        assertThat(event.reason()).isEqualTo("ALLOCATION_FAILED");
        assertThat(event.detectedAt()).isNotNull();
        api.assertConsistent();
    }

    @Test
    void aForcedTillSaleOfAReservedUnitPutsTheLineToAwaitingTheCustomer() {
        String sku = api.product("LAST", false);
        String other = api.product("OTHER", false);
        api.sellable(sku, shop.store(), 1);
        api.sellable(other, shop.store(), 1);
        JsonNode placed = api.ok(api.post("/api/orders", order(shop.marketplace(), other, 1, sku, 1)));
        String number = placed.path("orderNumber").asString();
        assertThat(placed.path("status").asString()).isEqualTo("ALLOCATED");

        api.ok(api.post("/api/stock/pos-sales", OrderApi.JSON.createObjectNode().put("sku", sku)
                .put("location", shop.store()).put("quantity", 1).put("force", true)));
        Events.awaitHandled(jdbc, sku); // the order learns of it after the sale commits

        JsonNode o = api.ok(api.get("/api/orders/" + number));
        assertThat(o.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(o.path("lines").get(0).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(o.path("lines").get(1).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        JsonNode last = o.path("history").get(o.path("history").size() - 1);
        JsonNode lineChange = o.path("history").get(o.path("history").size() - 2);
        assertThat(lineChange.path("lineNo").intValue()).isEqualTo(2);
        assertThat(lineChange.path("from").asString()).isEqualTo("ALLOCATED");
        assertThat(lineChange.path("to").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(lineChange.path("actor").asString()).isEqualTo("system");
        assertThat(lineChange.path("reason").asString()).contains("till sale");
        assertThat(last.path("lineNo").isNull()).isTrue();
        assertThat(last.path("to").asString()).isEqualTo("AWAITING_CUSTOMER");
        List<OrderLineShort> events = probe.about(number);
        assertThat(events).extracting(OrderLineShort::reason).containsExactly("DISPLACED");
        assertThat(events.get(0).lineNo()).isEqualTo(2);
        assertThat(events.get(0).quantity()).isEqualTo(1);
        api.assertConsistent();
    }

    @Test
    void theSameChannelAndExternalRefAgainReturnsTheExistingOrderAndReservesNothingMore() {
        String sku = api.product("IDEM", false);
        api.sellable(sku, shop.warehouse(), 5);
        ObjectNode body = order(shop.web(), sku, 2).put("externalRef", OrderApi.unique("CART"));

        OrderApi.Response first = api.post("/api/orders", body);
        int movements = jdbc.queryForObject("select count(*) from inventory_movement where sku = ?", Integer.class, sku);
        OrderApi.Response again = api.post("/api/orders", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(api.reserved(sku)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from inventory_movement where sku = ?", Integer.class, sku))
                .isEqualTo(movements);
        // another channel with the same reference is another order
        api.sellable(sku, shop.store(), 2);
        OrderApi.Response elsewhere = api.post("/api/orders", body.put("channel", shop.marketplace()));
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(elsewhere.json().path("orderNumber").asString())
                .isNotEqualTo(first.json().path("orderNumber").asString());
    }

    @Test
    void ordersWithoutExternalRefAreNotDeduplicated() {
        String sku = api.product("NOREF", false);
        api.sellable(sku, shop.warehouse(), 5);

        OrderApi.Response a = api.post("/api/orders", order(shop.web(), sku, 1));
        OrderApi.Response b = api.post("/api/orders", order(shop.web(), sku, 1));

        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(a.json().path("orderNumber").asString()).isNotEqualTo(b.json().path("orderNumber").asString());
        assertThat(api.reserved(sku)).isEqualTo(2);
    }

    @Test
    void orderNumbersAreCheckedBeforeTheyAreLookedUp() {
        String number = OrderNumber.random().toString();
        OrderApi.Response unknown = api.get("/api/orders/" + number);
        OrderApi.assertProblem(unknown, 404, "not-found");
        assertThat(unknown.detail()).contains(number);

        String d = digits(number);
        String misheard = d.substring(0, 5) + (char) ('0' + (d.charAt(5) - '0' + 1) % 10) + d.substring(6);
        OrderApi.Response wrong = api.get("/api/orders/" + misheard);
        OrderApi.assertProblem(wrong, 400, "invalid-request");
        assertThat(wrong.detail()).contains("check digit").contains("misheard");

        OrderApi.assertProblem(api.get("/api/orders/12345"), 400, "invalid-request");
        OrderApi.assertProblem(api.get("/api/orders/not-a-number"), 400, "invalid-request");
    }
}
