package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.zaiko.inventory.StockCounted;
import dev.zaiko.inventory.TillSold;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reorder suggestions through the API and the console: demand folded from orders and till sales (told
 * to insight's journal as the publishing modules tell it), the stock, inbounds and waiting customers
 * from the shop itself, and the flags.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReorderSuggestionsApiTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @LocalServerPort
    int port;

    @Autowired
    InsightJournal journal;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RebuildingInsight rebuilding;

    Api api;

    static final class Api extends ShopApi {
        Api(int port) {
            super(port);
        }
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @AfterEach
    void backToTheDefaultSettings() {
        jdbc.update("delete from insight_reorder_setting");
    }

    @Test
    void aSteadySellerWithStockAndAnInboundIsToBeOrderedTheDayItsStockWouldRunOutMinusTheLeadTime() {
        // 3 ordered + 1 at the till every day for the last 60 days: SES, 4 a day, no spread → no safety
        // stock at 95%. Lead time 10, review period 7 (default). 30 on hand, 20 due in 3 days.
        // Stock at the start of day t: P(t) = 30 + 20·[t ≥ 3] − 4t. The first day t ≥ 10 during which it
        // falls to 0 (P(t+1) ≤ 0): P(12) = 2, P(13) = −2 → arrival day 12, order day 12 − 10 = 2.
        // Quantity: keep P ≥ 0 through day 12 + 7 = 19: 0 − P(19) = 76 − 50 = 26.
        ShopApi.Shop shop = api.shop();
        String sku = product(10);
        api.sellable(sku, shop.warehouse(), 30);
        LocalDate today = ShopApi.today();
        api.inbound(sku, shop.warehouse(), 20, today.plusDays(3));
        for (int daysAgo = 1; daysAgo <= 60; daysAgo++) {
            ordered(sku, daysAgo, 3);
            tillSold(sku, daysAgo, 1);
        }
        ordered(sku, 0, 5); // today's orders are not a whole day yet: left out of the rate

        JsonNode s = api.ok(api.get("/api/insight/reorder-suggestions/" + sku));
        assertThat(s.path("quantity").asLong()).as(s.toString()).isEqualTo(26);
        assertThat(s.path("orderBy").asString()).isEqualTo(today.plusDays(2).toString());
        assertThat(s.path("arrivesBy").asString()).isEqualTo(today.plusDays(12).toString());
        assertThat(s.path("late").asBoolean()).isFalse();
        assertThat(s.path("method").asString()).isEqualTo("SES");
        assertThat(s.path("dailyDemand").asDouble()).isEqualTo(4.0);
        assertThat(s.path("historyDays").asInt()).isEqualTo(60);
        assertThat(s.path("safetyStock").asLong()).isZero();
        assertThat(s.path("onHand").asInt()).isEqualTo(30);
        assertThat(s.path("inbound").asInt()).isEqualTo(20);
        assertThat(s.path("leadTimeDays").asInt()).isEqualTo(10);
        assertThat(s.path("defaultLeadTime").asBoolean()).isFalse();
        assertThat(s.path("reason").asString()).contains("1日あたり4個", "指数平滑法", "リードタイム10日", "安全在庫0個",
                "サービス水準95.0%", "在庫30個", "入荷予定20個");
        assertThat(api.ok(api.get("/api/insight/reorder-suggestions/" + sku, "en")).path("reason").asString())
                .contains("demand 4 a day", "exponential smoothing", "lead time 10 days", "30 on hand", "20 on the way");

        refreshed();
        JsonNode listed = api.ok(api.get("/api/insight/reorder-suggestions?sku=" + sku));
        assertThat(listed.path("suggestions")).hasSize(1);
        assertThat(listed.path("suggestions").get(0).path("quantity").asLong()).isEqualTo(26);
        ShopApi.Response csv = api.get("/api/insight/reorder-suggestions.csv?sku=" + sku);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).hasSize(2);
        assertThat(csv.body().split("\r\n")[1]).startsWith(sku + ",ドームテント,26," + today.plusDays(2) + ","
                + today.plusDays(12) + ",false,SES,4.0,10,0,30,20,0,0,0,,");

        rebuilding.rebuild();
        assertThat(api.ok(api.get("/api/insight/reorder-suggestions/" + sku))).as("the same after a rebuild")
                .isEqualTo(s);
    }

    @Test
    void customersWaitingForASkuWithoutDemandAreDemandAndASkuWithNeitherIsNotSuggested() {
        ShopApi.Shop shop = api.shop();
        String waited = product(null);
        for (int i = 0; i < 3; i++) {
            api.ok(api.post("/api/restock-alerts", ShopApi.JSON.createObjectNode().put("sku", waited)
                    .put("channel", shop.web()).put("email", ShopApi.uniqueEmail()).put("locale", "ja")));
        }
        String quiet = product(5);
        api.sellable(quiet, shop.warehouse(), 2);
        refreshed();
        JsonNode s = api.ok(api.get("/api/insight/reorder-suggestions?sku=" + waited)).path("suggestions").get(0);
        assertThat(s.path("waiting").asInt()).as(s.toString()).isEqualTo(3);
        assertThat(s.path("quantity").asLong()).isEqualTo(3);
        assertThat(s.path("orderBy").asString()).isEqualTo(ShopApi.today().toString());
        assertThat(s.path("leadTimeDays").asInt()).as("the shop default").isEqualTo(14);
        assertThat(s.path("defaultLeadTime").asBoolean()).isTrue();
        assertThat(s.path("reason").asString()).contains("再入荷待ちのお客様3人", "需要の記録なし", "店の既定値");

        assertThat(api.ok(api.get("/api/insight/reorder-suggestions?sku=" + quiet)).path("suggestions")).isEmpty();
        JsonNode one = api.ok(api.get("/api/insight/reorder-suggestions/" + quiet));
        assertThat(one.path("quantity").asLong()).isZero();
        assertThat(one.path("orderBy").isNull()).isTrue();
        assertThat(one.path("method").asString()).isEqualTo("NONE");
        assertThat(api.get("/api/insight/reorder-suggestions/" + ShopApi.unique("NOBODY")).status()).isEqualTo(404);
    }

    @Test
    void repeatedStockoutsAndDifferingCountsAreFlaggedOnlyFromTheirThresholds() {
        Instant now = Instant.now();
        String twoCases = ShopApi.unique("RO-C2");
        stockout(twoCases, now.minusSeconds(7200));
        stockout(twoCases, now.minusSeconds(3600));
        String threeCases = ShopApi.unique("RO-C3");
        for (int i = 1; i <= 3; i++) stockout(threeCases, now.minusSeconds(3600L * i));
        String twoEpisodes = ShopApi.unique("RO-E2");
        stockout(twoEpisodes, now.minusSeconds(86_400L * 20));
        stockout(twoEpisodes, now.minusSeconds(86_400L * 2));
        String withdrawn = ShopApi.unique("RO-W");
        stockout(withdrawn, now.minusSeconds(600));
        stockout(withdrawn, now.minusSeconds(500));
        String gone = stockout(withdrawn, now.minusSeconds(400));
        journal.record(new StockoutWithdrawn(gone, "O-" + gone, 1, "customer", "WEB", null, now.minusSeconds(300)));
        String longAgo = ShopApi.unique("RO-OLD");
        for (int i = 0; i < 3; i++) stockout(longAgo, now.minusSeconds(86_400L * 100 + i));

        String oneDiff = ShopApi.unique("RO-D1");
        journal.record(new StockCounted(oneDiff, "WH", 10, 8, "stocktake", now.minusSeconds(86_400L * 30)));
        journal.record(new StockCounted(oneDiff, "WH", 8, 8, "stocktake", now.minusSeconds(86_400L * 10)));
        String twoDiffs = ShopApi.unique("RO-D2");
        journal.record(new StockCounted(twoDiffs, "WH", 10, 8, "stocktake", now.minusSeconds(86_400L * 30)));
        journal.record(new StockCounted(twoDiffs, "STORE", 5, 6, "stocktake", now.minusSeconds(86_400L * 3)));

        refreshed();
        assertThat(flags(twoCases)).as("2 cases in one sell-out").isEmpty();
        assertThat(flags(threeCases)).containsExactly("REPEAT_STOCKOUTS");
        assertThat(flags(twoEpisodes)).as("2 sell-outs 18 days apart").containsExactly("REPEAT_STOCKOUTS");
        assertThat(flags(withdrawn)).as("a withdrawn case does not count").isEmpty();
        assertThat(flags(longAgo)).as("older than 90 days").isEmpty();
        assertThat(flags(oneDiff)).isEmpty();
        assertThat(flags(twoDiffs)).containsExactly("COUNT_DIFFERS");
        JsonNode flagged = api.ok(api.get("/api/insight/reorder-suggestions?sku=" + threeCases + "&flag=REPEAT_STOCKOUTS"))
                .path("suggestions").get(0);
        assertThat(flagged.path("stockoutCases").asInt()).isEqualTo(3);
        assertThat(flagged.path("flagTexts").get(0).asString()).contains("需要予測がずれています");
        assertThat(api.ok(api.get("/api/insight/reorder-suggestions/" + twoDiffs, "en")).path("flagTexts").get(0)
                .asString()).contains("count it weekly");

        List<String> counted = new ArrayList<>();
        api.ok(api.get("/api/insight/reorder-suggestions?flag=COUNT_DIFFERS")).path("suggestions")
                .forEach(x -> counted.add(x.path("sku").asString()));
        assertThat(counted).contains(twoDiffs).doesNotContain(oneDiff, threeCases);
        ShopApi.Response bad = api.get("/api/insight/reorder-suggestions?flag=NOPE");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asString()).isEqualTo("flag");
    }

    @Test
    void theServiceLevelIsTheShopsToSetBetweenFiftyAndNinetyNinePointNineBySupervisorsOnly() {
        ShopApi.Response before = api.get("/api/insight/settings");
        assertThat(api.ok(before).path("serviceLevelPercent").asDouble()).isEqualTo(95.0);
        assertThat(before.json().path("reviewPeriodDays").asInt()).isEqualTo(7);

        for (int level : new int[]{0, 100, 150}) {
            ShopApi.Response r = api.put("/api/insight/settings",
                    ShopApi.JSON.createObjectNode().put("serviceLevelPercent", level));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().path("field").asString()).isEqualTo("serviceLevelPercent");
        }
        ShopApi.Response review = api.put("/api/insight/settings",
                ShopApi.JSON.createObjectNode().put("reviewPeriodDays", 0));
        assertThat(review.status()).isEqualTo(400);
        assertThat(review.json().path("field").asString()).isEqualTo("reviewPeriodDays");
        assertThat(jdbc.queryForObject("select count(*) from insight_reorder_setting", Integer.class))
                .as("nothing changed").isZero();

        Api writer = new Api(port);
        writer.useToken(api.ok(api.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                .put("name", ShopApi.unique("buyer")).put("scope", "WRITE"))).path("token").asString());
        assertThat(writer.put("/api/insight/settings", ShopApi.JSON.createObjectNode().put("serviceLevelPercent", 99))
                .status()).as("a supervisor's setting").isEqualTo(403);

        // a SKU whose demand varies (2 and 6 on alternate days): a higher service level, more safety stock
        String sku = product(10);
        for (int daysAgo = 1; daysAgo <= 60; daysAgo++) ordered(sku, daysAgo, daysAgo % 2 == 0 ? 2 : 6);
        long at95 = api.ok(api.get("/api/insight/reorder-suggestions/" + sku)).path("safetyStock").asLong();
        JsonNode changed = api.ok(api.put("/api/insight/settings",
                ShopApi.JSON.createObjectNode().put("serviceLevelPercent", 99).put("reviewPeriodDays", 14)));
        assertThat(changed.path("serviceLevelPercent").asDouble()).isEqualTo(99.0);
        assertThat(changed.path("reviewPeriodDays").asInt()).isEqualTo(14);
        // σ = √(60·4/59) = 2.0169: 1.6449·σ·√17 = 13.7 → 14; 2.3263·σ·√24 = 22.99 → 23
        assertThat(at95).isEqualTo(14);
        JsonNode at99 = api.ok(api.get("/api/insight/reorder-suggestions/" + sku));
        assertThat(at99.path("safetyStock").asLong()).isEqualTo(23);
        assertThat(at99.path("reviewPeriodDays").asInt()).isEqualTo(14);
    }

    @Test
    void theConsolePageListsTheSuggestionsAndASupervisorSavesTheServiceLevel() {
        String sku = product(10);
        for (int daysAgo = 1; daysAgo <= 30; daysAgo++) ordered(sku, daysAgo, 2);
        refreshed();
        Api browser = new Api(port);
        browser.signIn("admin", "test-admin-password");
        String page = browser.page("/insight/reorder?sku=" + sku).body();
        assertThat(page).contains("data-sku=\"" + sku + "\"", "発注提案", "指数平滑法", "aria-current=\"page\"",
                "id=\"reorder-computed-at\"", "に計算した提案です");
        ShopApi.Response csv = browser.get("/insight/reorder.csv?sku=" + sku);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith(ReorderCsv.HEADER).contains(sku + ",ドームテント,");

        ShopApi.Response refused = browser.postForm("/insight/reorder/settings",
                Map.of("serviceLevelPercent", "150", "reviewPeriodDays", "7"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("aria-invalid=\"true\"", "value=\"150\"");
        assertThat(api.ok(api.get("/api/insight/settings")).path("serviceLevelPercent").asDouble()).isEqualTo(95.0);

        browser.page("/insight/reorder");
        ShopApi.Response saved = browser.postForm("/insight/reorder/settings",
                Map.of("serviceLevelPercent", "97.5", "reviewPeriodDays", "10"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(saved.location()).contains("notice=saved");
        JsonNode now = api.ok(api.get("/api/insight/settings"));
        assertThat(now.path("serviceLevelPercent").asDouble()).isEqualTo(97.5);
        assertThat(now.path("reviewPeriodDays").asInt()).isEqualTo(10);
    }

    @Test
    void theShopsOwnOrdersTillSalesAndCountsFeedDemandAndTheCountFlag() {
        ShopApi.Shop shop = api.shop();
        String sku = product(10);
        api.sellable(sku, shop.warehouse(), 10);
        api.sellable(sku, shop.store(), 20);
        Instant yesterday = noon(1);
        api.ok(api.post("/api/stock/pos-sales", ShopApi.JSON.createObjectNode().put("sku", sku)
                .put("location", shop.store()).put("quantity", 2).put("soldAt", yesterday.toString())));
        api.ok(api.post("/api/orders", ShopApi.orderBody(shop.web(), "PAID", sku, 3)));
        api.ok(api.post("/api/stock/adjustments", ShopApi.JSON.createObjectNode().put("sku", sku)
                .put("location", shop.warehouse()).put("countedSellable", 4).put("reason", "cycle count")));
        api.ok(api.post("/api/stock/adjustments", ShopApi.JSON.createObjectNode().put("sku", sku)
                .put("location", shop.warehouse()).put("countedSellable", 9).put("reason", "found a box")));
        dev.zaiko.support.Events.awaitHandled(jdbc, sku);

        assertThat(jdbc.queryForList("select day::text || '|' || ordered_units || '|' || till_units "
                + "from insight_sku_demand where sku = ? order by day", String.class, sku))
                .containsExactly(ShopApi.today().minusDays(1) + "|0|2", ShopApi.today() + "|3|0");
        JsonNode s = api.ok(api.get("/api/insight/reorder-suggestions/" + sku));
        assertThat(s.path("countDifferences").asInt()).as(s.toString()).isEqualTo(2);
        assertThat(s.path("flags").get(0).asString()).isEqualTo("COUNT_DIFFERS");
        // yesterday's 2 over the minimum history of 28 days; today's order is not a whole day yet
        assertThat(s.path("method").asString()).isEqualTo("CROSTON_SBA");
        assertThat(s.path("dailyDemand").asDouble()).isEqualTo(0.07); // 0.95 · 2/28 = 0.0679
        assertThat(s.path("onHand").asInt()).as("20 − 2 sold at the till + 9 counted; 3 reserved for the order")
                .isEqualTo(24);
    }

    @Test
    void theSameFactsInAnyOrderGiveTheSameDemandAndCounts() {
        List<String> snapshots = new ArrayList<>();
        java.util.Random random = new java.util.Random(70);
        for (int run = 0; run < 3; run++) {
            String sku = ShopApi.unique("RO-ORDER");
            Instant now = Instant.now();
            List<Object> facts = new ArrayList<>();
            for (int daysAgo = 0; daysAgo < 5; daysAgo++) {
                facts.add(new OrderPlaced(ShopApi.unique("RO-ORD"), "WEB", "c", null, false,
                        List.of(new OrderPlaced.PlacedLine(1, sku, 2, 1000, false),
                                new OrderPlaced.PlacedLine(2, sku, 1, 1000, true)), 0, 3000, noon(daysAgo)));
                facts.add(new TillSold(sku, "STORE", daysAgo + 1, null,
                        ThreadLocalRandom.current().nextLong(1L << 50, Long.MAX_VALUE), noon(daysAgo).plusSeconds(5)));
            }
            facts.add(new StockCounted(sku, "WH", 10, 7, "count", now.minusSeconds(100)));
            facts.add(new StockCounted(sku, "WH", 7, 7, "count", now.minusSeconds(50)));
            if (run > 0) java.util.Collections.shuffle(facts, random);
            facts.forEach(journal::record);
            snapshots.add(String.join(";", jdbc.queryForList("select day::text || '|' || ordered_units || '|' || "
                    + "till_units from insight_sku_demand where sku = ? order by day", String.class, sku))
                    + "#" + String.join(";", jdbc.queryForList("select expected || '>' || counted from insight_count "
                    + "where sku = ? order by at", String.class, sku)));
        }
        assertThat(snapshots.get(0)).contains(ShopApi.today() + "|3|1", ShopApi.today().minusDays(4) + "|3|5")
                .endsWith("#10>7;7>7");
        assertThat(snapshots).containsOnly(snapshots.get(0));
    }

    @Test
    void afterARefreshTheStoredListIsWhatEachSkuAnswersLiveAndUntilTheNextOneItKeepsItsAnswers() {
        ShopApi.Shop shop = api.shop();
        String steady = product(10);
        api.sellable(steady, shop.warehouse(), 30);
        api.inbound(steady, shop.warehouse(), 20, ShopApi.today().plusDays(3));
        for (int daysAgo = 1; daysAgo <= 60; daysAgo++) ordered(steady, daysAgo, daysAgo % 3 == 0 ? 7 : 2);
        String sparse = product(null);
        for (int daysAgo = 5; daysAgo <= 80; daysAgo += 9) ordered(sparse, daysAgo, daysAgo == 50 ? 40 : 2);
        String flagged = ShopApi.unique("RO-FLAG");
        for (int i = 1; i <= 3; i++) stockout(flagged, Instant.now().minusSeconds(3600L * i));
        List<String> skus = List.of(steady, sparse, flagged);

        JsonNode refresh = api.ok(api.post("/api/insight/reorder-suggestions/refresh"));
        assertThat(refresh.path("skus").asInt()).isPositive();
        for (String language : new String[]{"ja", "en"}) {
            for (String sku : skus) {
                JsonNode listed = api.ok(api.get("/api/insight/reorder-suggestions?sku=" + sku, language));
                assertThat(listed.path("computedAt").asString()).isEqualTo(refresh.path("computedAt").asString());
                assertThat(listed.path("today").asString()).isEqualTo(ShopApi.today().toString());
                assertThat(listed.path("suggestions")).hasSize(1);
                assertThat(listed.path("suggestions").get(0)).as(sku + " " + language)
                        .isEqualTo(api.ok(api.get("/api/insight/reorder-suggestions/" + sku, language)));
            }
        }
        List<String> ordered = new ArrayList<>();
        api.ok(api.get("/api/insight/reorder-suggestions")).path("suggestions")
                .forEach(x -> ordered.add(x.path("orderBy").isNull() ? "~" : x.path("orderBy").asString()));
        assertThat(ordered).as("sorted by the day to order, nothing to order last").isSorted();
        JsonNode page = api.ok(api.get("/api/insight/reorder-suggestions?limit=2&offset=1"));
        assertThat(page.path("total").asInt()).isEqualTo(ordered.size());
        assertThat(page.path("suggestions")).hasSize(2);
        assertThat(page.path("suggestions").get(0).path("orderBy").isNull() ? "~"
                : page.path("suggestions").get(0).path("orderBy").asString()).isEqualTo(ordered.get(1));
        for (String bad : new String[]{"limit=0", "limit=x", "offset=-1"}) {
            ShopApi.Response r = api.get("/api/insight/reorder-suggestions?" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("field").asString()).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }

        long before = api.ok(api.get("/api/insight/reorder-suggestions?sku=" + steady)).path("suggestions").get(0)
                .path("quantity").asLong();
        ordered(steady, 1, 500);
        assertThat(api.ok(api.get("/api/insight/reorder-suggestions?sku=" + steady)).path("suggestions").get(0)
                .path("quantity").asLong()).as("the stored list, until the next refresh").isEqualTo(before);
        long live = api.ok(api.get("/api/insight/reorder-suggestions/" + steady)).path("quantity").asLong();
        assertThat(live).as("one SKU's answer is computed now").isGreaterThan(before);
        refreshed();
        assertThat(api.ok(api.get("/api/insight/reorder-suggestions?sku=" + steady)).path("suggestions").get(0)
                .path("quantity").asLong()).isEqualTo(live);
    }

    @Test
    void aSupervisorsNewServiceLevelRecomputesTheStoredListAtOnce() {
        String sku = product(10);
        for (int daysAgo = 1; daysAgo <= 60; daysAgo++) ordered(sku, daysAgo, daysAgo % 2 == 0 ? 2 : 6);
        refreshed();
        assertThat(listedSafetyStock(sku)).isEqualTo(14);
        api.ok(api.put("/api/insight/settings",
                ShopApi.JSON.createObjectNode().put("serviceLevelPercent", 99).put("reviewPeriodDays", 14)));
        assertThat(listedSafetyStock(sku)).as("no refresh asked for").isEqualTo(23);

        Api browser = new Api(port);
        browser.signIn("admin", "test-admin-password");
        browser.page("/insight/reorder");
        assertThat(browser.postForm("/insight/reorder/settings",
                Map.of("serviceLevelPercent", "95", "reviewPeriodDays", "7")).status()).isEqualTo(302);
        assertThat(listedSafetyStock(sku)).as("saved on the console").isEqualTo(14);
    }

    @Test
    void onlyASupervisorRecomputesTheStoredListNow() {
        String sku = product(10);
        for (int daysAgo = 1; daysAgo <= 30; daysAgo++) ordered(sku, daysAgo, 2);
        Api writer = new Api(port);
        writer.useToken(api.ok(api.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                .put("name", ShopApi.unique("buyer")).put("scope", "WRITE"))).path("token").asString());
        assertThat(writer.post("/api/insight/reorder-suggestions/refresh").status()).isEqualTo(403);
        assertThat(api.ok(api.get("/api/insight/reorder-suggestions?sku=" + sku)).path("suggestions"))
                .as("nothing recomputed").isEmpty();
        refreshed();
        assertThat(api.ok(api.get("/api/insight/reorder-suggestions?sku=" + sku)).path("suggestions")).hasSize(1);
    }

    private void refreshed() {
        api.ok(api.post("/api/insight/reorder-suggestions/refresh"));
    }

    private long listedSafetyStock(String sku) {
        return api.ok(api.get("/api/insight/reorder-suggestions?sku=" + sku)).path("suggestions").get(0)
                .path("safetyStock").asLong();
    }

    // ---- facts as the publishing modules tell them ---------------------------------------------

    private String product(Integer leadTimeDays) {
        String sku = ShopApi.unique("RO");
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800);
        body.putObject("name").put("ja", "ドームテント").put("en", "Dome tent");
        if (leadTimeDays != null) body.put("leadTimeDays", leadTimeDays);
        api.ok(api.post("/api/products", body));
        return sku;
    }

    private static Instant noon(int daysAgo) {
        return ShopApi.today().minusDays(daysAgo).atTime(12, 0).atZone(TOKYO).toInstant();
    }

    private void ordered(String sku, int daysAgo, int units) {
        journal.record(new OrderPlaced(ShopApi.unique("RO-ORD"), "WEB", "customer", null, false,
                List.of(new OrderPlaced.PlacedLine(1, sku, units, 1000, false)), 0, units * 1000L, noon(daysAgo)));
    }

    private void tillSold(String sku, int daysAgo, int units) {
        journal.record(new TillSold(sku, "STORE", units, null,
                ThreadLocalRandom.current().nextLong(1L << 50, Long.MAX_VALUE), noon(daysAgo).plusSeconds(60)));
    }

    private String stockout(String sku, Instant at) {
        String caseId = "RO-CASE-" + UUID.randomUUID();
        journal.record(new StockoutOpened(caseId, "O-" + caseId, 1, sku, "OVERSOLD", 2, at.plusSeconds(86_400),
                "standard", false, false, null, false, at));
        return caseId;
    }

    private List<String> flags(String sku) {
        List<String> flags = new ArrayList<>();
        api.ok(api.get("/api/insight/reorder-suggestions?sku=" + sku)).path("suggestions")
                .forEach(s -> s.path("flags").forEach(f -> flags.add(f.asString())));
        return flags;
    }
}
