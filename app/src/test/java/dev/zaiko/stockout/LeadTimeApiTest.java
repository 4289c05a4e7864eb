package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import dev.zaiko.shop.BusinessDays;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** GET /api/lead-time: the earliest realistic date for a quantity of a SKU, and how, source by source. */
class LeadTimeApiTest extends StockoutApiTestBase {

    @Autowired
    BusinessDays calendar;

    @Autowired
    Clock clock;

    LocalDate today() {
        return LocalDate.now(clock);
    }

    String product(String prefix, boolean backorderable, String supplier, Integer leadTimeDays) {
        String sku = ShopApi.unique(prefix);
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("backorderable", backorderable);
        body.putObject("name").put("ja", "ドームテント").put("en", "Dome tent");
        if (supplier != null) body.put("supplier", supplier).put("leadTimeDays", leadTimeDays);
        api.ok(api.post("/api/products", body));
        return sku;
    }

    JsonNode leadTime(String sku, int quantity) {
        return api.ok(api.get("/api/lead-time?sku=" + sku + "&quantity=" + quantity + "&channel=" + shop.web()));
    }

    static JsonNode unavailable(JsonNode answer, String source) {
        for (JsonNode u : answer.path("unavailable")) if (u.path("source").asString().equals(source)) return u;
        throw new AssertionError("no unavailable " + source + " in " + answer);
    }

    @Test
    void ownStockInThePoolIsDeliveredAfterTheShippingDays() {
        String sku = product("LTSTOCK", true, "Maker", 10);
        api.sellable(sku, shop.warehouse(), 5);

        JsonNode answer = leadTime(sku, 3);

        LocalDate expected = calendar.plusBusinessDays(today(), 1);
        assertThat(answer.path("how").asString()).isEqualTo("STOCK");
        assertThat(answer.path("earliest").asString()).isEqualTo(expected.toString());
        JsonNode best = answer.path("sources").get(0);
        assertThat(best.path("source").asString()).isEqualTo("STOCK");
        assertThat(best.path("units").intValue()).isEqualTo(5);
        assertThat(answer.path("text").asString()).contains("在庫から出荷");
        assertThat(answer.path("sources").get(1).path("source").asString()).as("then the supplier, 11 days")
                .isEqualTo("DROP_SHIP");
        assertThat(unavailable(answer, "TRANSFER").path("reason").asString()).isEqualTo("noStockElsewhere");
        assertThat(unavailable(answer, "INBOUND").path("reason").asString()).isEqualTo("noInbound");
    }

    @Test
    void aStoreOutsideThePoolWithEnoughUnitsIsATransfer() {
        String sku = product("LTTRANSFER", true, null, null);
        String outside = "STORE2-" + shop.web();
        api.ok(api.post("/api/locations", ShopApi.JSON.createObjectNode().put("code", outside).put("kind", "STORE")
                .put("name", "Other store")));
        api.sellable(sku, outside, 4);
        api.sellable(sku, shop.warehouse(), 1);

        JsonNode answer = leadTime(sku, 3);

        assertThat(answer.path("how").asString()).isEqualTo("TRANSFER");
        assertThat(answer.path("earliest").asString()).isEqualTo(calendar.plusBusinessDays(today(), 2).toString());
        assertThat(answer.path("sources").get(0).path("from").asString()).isEqualTo(outside);
        assertThat(unavailable(answer, "STOCK").path("reason").asString()).isEqualTo("notEnough");
        assertThat(unavailable(answer, "DROP_SHIP").path("reason").asString()).isEqualTo("noSupplier");
    }

    @Test
    void theNextInboundWithEnoughUnitsNotYetPromisedIsTheDateNotAnEarlierFullyPromisedOne() {
        String sku = product("LTINBOUND", true, null, null);
        LocalDate first = today().plusDays(5);
        LocalDate second = today().plusDays(12);
        api.inbound(sku, shop.warehouse(), 2, first);
        api.inbound(sku, shop.warehouse(), 10, second);
        JsonNode placed = api.ok(api.post("/api/orders", StockoutApi.orderBody(shop.web(), "AUTHORIZED", sku, 2)));
        assertThat(placed.path("lines").get(0).path("promisedDate").asString()).isEqualTo(first.toString());

        JsonNode answer = leadTime(sku, 3);

        assertThat(answer.path("how").asString()).isEqualTo("INBOUND");
        JsonNode inbound = answer.path("sources").get(0);
        assertThat(inbound.path("inboundExpectedOn").asString()).isEqualTo(second.toString());
        assertThat(inbound.path("units").intValue()).isEqualTo(10);
        assertThat(answer.path("earliest").asString()).isEqualTo(calendar.plusBusinessDays(second, 1).toString());
        // one unit still fits into nobody's promise but the second inbound's too: the first is fully promised
        assertThat(leadTime(sku, 1).path("sources").get(0).path("inboundExpectedOn").asString())
                .isEqualTo(second.toString());
    }

    @Test
    void aSupplierWithItsLeadTimeIsADropShipWhenNothingElseCan() {
        String sku = product("LTDROP", false, "Yamanami Works", 3);

        JsonNode answer = leadTime(sku, 20);

        assertThat(answer.path("how").asString()).isEqualTo("DROP_SHIP");
        assertThat(answer.path("earliest").asString()).isEqualTo(today().plusDays(3 + 1).toString());
        assertThat(answer.path("sources").get(0).path("from").asString()).isEqualTo("Yamanami Works");
        assertThat(answer.path("sources")).hasSize(1);
        assertThat(unavailable(answer, "INBOUND").path("reason").asString()).isEqualTo("notBackorderable");
    }

    @Test
    void withNoSourceTheAnswerHasNoDateAndSaysWhyInEachLanguage() {
        String sku = product("LTNONE", false, null, null);

        JsonNode ja = leadTime(sku, 2);
        assertThat(ja.path("earliest").isNull()).isTrue();
        assertThat(ja.path("how").isNull()).isTrue();
        assertThat(ja.path("sources")).isEmpty();
        assertThat(ja.path("text").asString()).contains("見込み");
        assertThat(ja.path("unavailable")).hasSize(4);
        assertThat(unavailable(ja, "STOCK").path("text").asString()).contains("在庫が足りません");
        JsonNode en = api.ok(api.get("/api/lead-time?sku=" + sku + "&quantity=2&channel=" + shop.web()
                + "&customer=ACME-001", "en"));
        assertThat(en.path("text").asString()).isEqualTo("No source can deliver 2 right now");
        assertThat(en.path("customer").asString()).isEqualTo("ACME-001");
        assertThat(unavailable(en, "DROP_SHIP").path("text").asString()).contains("supplier");
    }

    @Test
    void aBadQuantityOrAMissingSkuIsA400AndAnUnknownSkuOrChannelA404NamingTheField() {
        String sku = product("LTBAD", true, null, null);
        for (String query : new String[] {"sku=" + sku + "&quantity=0", "sku=" + sku + "&quantity=abc",
                "sku=" + sku, "sku=" + sku + "&quantity=10001"}) {
            ShopApi.Response r = api.get("/api/lead-time?" + query);
            StockoutApi.assertProblem(r, 400);
            assertThat(r.json().path("field").asString()).as(query).isEqualTo("quantity");
        }
        ShopApi.Response noSku = api.get("/api/lead-time?quantity=1");
        StockoutApi.assertProblem(noSku, 400);
        assertThat(noSku.json().path("field").asString()).isEqualTo("sku");
        ShopApi.Response unknown = api.get("/api/lead-time?sku=" + sku + "-NOPE&quantity=1");
        StockoutApi.assertProblem(unknown, 404);
        assertThat(unknown.json().path("field").asString()).isEqualTo("sku");
        ShopApi.Response noChannel = api.get("/api/lead-time?sku=" + sku + "&quantity=1&channel=NOPE-" + sku);
        StockoutApi.assertProblem(noChannel, 404);
        assertThat(noChannel.json().path("field").asString()).isEqualTo("channel");
    }
}
