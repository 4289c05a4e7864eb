package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import dev.zaiko.inventory.CheckingStockLedger;
import dev.zaiko.inventory.SellableOnDay;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The inventory pages over plain HTTP, as a browser without JavaScript posts their forms: each
 * form changes stock through the inventory's and catalog's own rules, and a mistake changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InventoryPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    CheckingStockLedger ledger;

    WebApi api;
    WebApi console;
    ShopApi.Shop shop;
    String sku;

    @BeforeEach
    void setUp() {
        api = new WebApi(port);
        shop = api.shop();
        sku = api.newProduct("PAGES", "焚き火台 ソロ", "Solo fire pit");
        console = new WebApi(port).signedIn();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Response post(String action, Map<String, String> form) {
        console.page("/inventory/" + sku); // a browser posts the form of the page it shows, with its CSRF token
        return console.postForm("/inventory/" + sku + action, form);
    }

    private static void assertBackToTheSkuPage(Response answer, String sku) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        assertThat(answer.location()).endsWith("/inventory/" + sku);
    }

    @Test
    void theSkuPageShowsForEachInboundHowManyUnitsArePromisedAndHowManyAreFree() {
        String waiting = ShopApi.unique("PAGES-PROMISED");
        tools.jackson.databind.node.ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", waiting)
                .put("category", "tent").put("price", 29800).put("backorderable", true);
        product.putObject("name").put("ja", "ドームテント").put("en", "Dome tent");
        api.ok(api.post("/api/products", product));
        api.inbound(waiting, shop.warehouse(), 4, LocalDate.now(clock).plusDays(6));
        for (int i = 0; i < 3; i++) {
            api.ok(api.post("/api/orders", ShopApi.orderBody(shop.web(), "AUTHORIZED", waiting, 1)));
        }

        String ja = console.page("/inventory/" + waiting + "?lang=ja").body();
        assertThat(ja).contains("お約束済み").contains("空き");
        assertThat(ja).containsPattern("class=\"num promised\">3<").containsPattern("class=\"num free\">1<");
        String en = console.page("/inventory/" + waiting + "?lang=en").body();
        assertThat(en).contains(">Promised<").contains(">Free<");
        console.page("/inventory?lang=ja");
    }

    @Test
    void theSearchFindsASkuByItsCodeAndByItsJapaneseOrEnglishName() {
        String unique = ShopApi.unique("N");
        String other = api.newProduct("PAGES-NAME", "ランタン " + unique, "Lantern " + unique);

        for (String q : new String[] {other, "ランタン " + unique, "lantern " + unique.toLowerCase()}) {
            Response page = console.page("/inventory?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).as(q).contains("data-sku=\"" + other + "\"").doesNotContain("data-sku=\"" + sku + "\"");
        }
        assertThat(console.page("/inventory?q=no-such-product-" + unique).body()).contains("一致する商品はありません");
    }

    @Test
    void anOperatorMayUseThePagesInTheirOwnLanguage() {
        String username = ShopApi.unique("operator").toLowerCase();
        api.ok(api.post("/api/access/users", ShopApi.JSON.createObjectNode().put("username", username)
                .put("displayName", "Operator").put("role", "OPERATOR").put("locale", "en")
                .put("password", "operator-password-1")));
        WebApi operator = new WebApi(port).signedIn(username, "operator-password-1");

        Response page = operator.page("/inventory/" + sku);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Solo fire pit", "Record receipt");

        operator.page("/inventory/" + sku);
        Response received = operator.postForm("/inventory/" + sku + "/receipts",
                Map.of("location", shop.warehouse(), "quantity", "3"));
        assertBackToTheSkuPage(received, sku);
        assertThat(api.level(sku, shop.warehouse()).path("inspecting").intValue()).isEqualTo(3);
        assertThat(operator.page("/inventory/" + sku).body()).contains("Recorded 3 unit(s) received at " + shop.warehouse());
    }

    @Test
    void eachChannelShowsTheShopperTextTheApiGivesABackorderWithItsDate() {
        String backorderable = ShopApi.unique("PAGES-BO");
        tools.jackson.databind.node.ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", backorderable)
                .put("category", "tent").put("price", 19800).put("backorderable", true);
        body.putObject("name").put("ja", "テント 入荷待ち").put("en", "Tent on backorder");
        api.ok(api.post("/api/products", body));
        api.inbound(backorderable, shop.warehouse(), 10, ShopApi.today().plusDays(10));
        api.sellable(backorderable, shop.store(), 4);

        String page = console.page("/inventory/" + backorderable).body();

        for (String channel : new String[] {shop.web(), shop.marketplace(), shop.till()}) {
            JsonNode availability = api.ok(api.get("/api/availability/" + backorderable + "?channel=" + channel, "ja"));
            assertThat(page).as(channel).contains("data-level=\"" + availability.path("level").asString() + "\"")
                    .contains(availability.path("displayText").asString());
        }
        assertThat(api.ok(api.get("/api/availability/" + backorderable + "?channel=" + shop.web(), "ja"))
                .path("level").asString()).isEqualTo("IN_STOCK");
        api.ok(api.post("/api/stock/pos-sales", ShopApi.JSON.createObjectNode().put("sku", backorderable)
                .put("location", shop.store()).put("quantity", 4)));
        JsonNode backorder = api.ok(api.get("/api/availability/" + backorderable + "?channel=" + shop.web(), "ja"));
        assertThat(backorder.path("level").asString()).isEqualTo("BACKORDER");
        assertThat(console.page("/inventory/" + backorderable).body()).contains(backorder.path("displayText").asString());
    }

    @Test
    void anUnknownSkuHasAPageSayingSo() {
        Response page = console.page("/inventory/NO-SUCH-SKU-" + ShopApi.unique("X"));

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("の商品はありません");
    }

    @Test
    void inspectingMoreUnitsThanAreWaitingIsRefusedNextToTheFieldAndChangesNothing() {
        api.ok(api.post("/api/stock/receipts", ShopApi.JSON.createObjectNode().put("sku", sku)
                .put("location", shop.warehouse()).put("quantity", 2)));

        Response refused = post("/inspections", Map.of("location", shop.warehouse(), "passed", "3", "failed", "0"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"inspect-passed-error\"", shop.warehouse() + " で検品待ちは 2 点だけです。");
        assertThat(api.level(sku, shop.warehouse()).path("inspecting").intValue()).isEqualTo(2);

        Response mistaken = post("/inspections", Map.of("location", shop.warehouse(), "passed", "0", "failed", "0"));
        assertThat(mistaken.status()).isEqualTo(400);
        assertThat(mistaken.body()).contains("合格と不良の合計を1以上にしてください。");

        assertBackToTheSkuPage(post("/inspections", Map.of("location", shop.warehouse(), "passed", "1", "failed", "1")), sku);
        JsonNode level = api.level(sku, shop.warehouse());
        assertThat(level.path("sellable").intValue()).isEqualTo(1);
        assertThat(level.path("defective").intValue()).isEqualTo(1);
        assertThat(level.path("inspecting").intValue()).isZero();
    }

    @Test
    void aCountNeedsAReasonAndThenSetsTheShelf() {
        api.sellable(sku, shop.store(), 3);

        Response refused = post("/adjustments", Map.of("location", shop.store(), "counted", "2.5", "reason", " "));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"adjust-counted-error\"", "整数で入力してください。",
                "id=\"adjust-reason-error\"", "入力してください。");
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(3);

        assertBackToTheSkuPage(post("/adjustments", Map.of("location", shop.store(), "counted", "1", "reason",
                "cycle count: two broken")), sku);
        assertThat(api.level(sku, shop.store()).path("sellable").intValue()).isEqualTo(1);
        assertThat(console.page("/inventory/" + sku).body()).contains("cycle count: two broken", "棚卸し調整");
    }

    @Test
    void aProtectionIsSetForTheSkuAndLiftedAgain() {
        api.sellable(sku, shop.store(), 3);

        Response refused = post("/protections", Map.of("kind", "MEMBER_QUOTA", "location", shop.store(), "quantity", "1"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"protect-segment-error\"", "会員向け在庫枠には会員区分が必要です。");

        assertBackToTheSkuPage(post("/protections", Map.of("kind", "STORE_KEEPS", "location", shop.store(),
                "quantity", "2", "segment", "")), sku);
        JsonNode protections = api.ok(api.get("/api/protections?sku=" + sku + "&location=" + shop.store()));
        assertThat(protections.size()).isEqualTo(1);
        long id = protections.get(0).path("id").longValue();
        assertThat(api.ok(api.get("/api/availability/" + sku + "?channel=" + shop.marketplace())).path("ats").intValue())
                .isEqualTo(1);
        assertThat(console.page("/inventory/" + sku).body()).contains("/inventory/" + sku + "/protections/" + id + "/lift");

        assertBackToTheSkuPage(post("/protections/" + id + "/lift", Map.of()), sku);
        assertThat(api.ok(api.get("/api/protections?sku=" + sku + "&location=" + shop.store())).size()).isZero();
        Response again = post("/protections/" + id + "/lift", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("この確保はすでに解除されているか");
    }

    @Test
    void discontinuingNeedsTheBoxTickedAndThenStopsEveryChannel() {
        api.sellable(sku, shop.warehouse(), 2);

        Response refused = post("/discontinue", Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"discontinue-confirm-error\"");
        assertThat(api.ok(api.get("/api/products/" + sku)).path("status").asString()).isEqualTo("ACTIVE");

        assertBackToTheSkuPage(post("/discontinue", Map.of("confirm", "on")), sku);

        assertThat(api.ok(api.get("/api/products/" + sku)).path("status").asString()).isEqualTo("DISCONTINUED");
        assertThat(api.ok(api.get("/api/availability/" + sku + "?channel=" + shop.web())).path("level").asString())
                .isEqualTo("OUT_OF_STOCK");
        Response page = console.page("/inventory/" + sku);
        assertThat(page.body()).contains("data-status=\"DISCONTINUED\"").doesNotContain("id=\"discontinue-form\"");
    }

    @Test
    void aFormPostedWithoutThePagesCsrfTokenIsRefusedAndChangesNothing() {
        console.page("/inventory/" + sku);
        Response forged = console.postFormWithoutCsrf("/inventory/" + sku + "/receipts",
                Map.of("location", shop.warehouse(), "quantity", "5"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(api.level(sku, shop.warehouse()).path("inspecting").intValue()).isZero();
    }

    @Test
    void theHistoryIsTheSellableUnitsAtTheEndOfEachDay() {
        LocalDate today = LocalDate.now(clock);
        api.sellable(sku, shop.warehouse(), 4);
        clock.advance(Duration.ofDays(2));
        assertBackToTheSkuPage(post("/adjustments", Map.of("location", shop.warehouse(), "counted", "1", "reason",
                "count")), sku);

        assertThat(ledger.sellableByDay(sku, today.minusDays(1), today.plusDays(2))).containsExactly(
                new SellableOnDay(today.minusDays(1), 0), new SellableOnDay(today, 4),
                new SellableOnDay(today.plusDays(1), 4), new SellableOnDay(today.plusDays(2), 1));
        String page = console.page("/inventory/" + sku).body();
        assertThat(page).contains("<td>" + today + "</td>", "<td>" + today.plusDays(2) + "</td>")
                .contains("<polyline class=\"line\"");
    }

    @Test
    void theChartsScaleEndsOnARoundNumber() {
        assertThat(StockHistoryChart.roundUp(0)).isEqualTo(2);
        assertThat(StockHistoryChart.roundUp(3)).isEqualTo(4);
        assertThat(StockHistoryChart.roundUp(5)).isEqualTo(10);
        assertThat(StockHistoryChart.roundUp(10)).isEqualTo(10);
        assertThat(StockHistoryChart.roundUp(11)).isEqualTo(20);
        assertThat(StockHistoryChart.roundUp(35)).isEqualTo(40);
        assertThat(StockHistoryChart.roundUp(41)).isEqualTo(100);
    }
}
