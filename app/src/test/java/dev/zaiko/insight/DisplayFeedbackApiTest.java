package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.zaiko.order.OrderPlaced;
import dev.zaiko.order.OrderPlaced.PlacedLine;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.support.MovableClock;
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

/**
 * Display feedback: orders that failed although the channel showed the SKU in stock give the
 * suggestion their pattern calls for; a supervisor applies it once (the product, the note or the
 * protection changes, read back through the API), and it is not suggested again until a new failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DisplayFeedbackApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InsightJournal journal;

    @Autowired
    MovableClock clock;

    InsightApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void shop() {
        api = new InsightApi(port);
        shop = api.shop();
    }

    @AfterEach
    void settle() {
        dev.zaiko.support.NothingLeftRunning.settle(api, jdbc);
    }

    @Test
    void anOrderThatFailedWhileTheShopShowedInStockSuggestsAHigherThresholdThatOnlyASupervisorAppliesOnce() {
        String sku = api.product("DF", 3);
        failed(sku, shop.web(), "ALLOCATION_FAILED", 2, Duration.ofHours(2));

        JsonNode raise = suggestion(sku, "RAISE_LOW_THRESHOLD");
        assertThat(raise.path("currentValue").intValue()).isEqualTo(3);
        assertThat(raise.path("suggestedValue").intValue()).as("3 + the 2 units the order wanted").isEqualTo(5);
        assertThat(raise.path("failures").intValue()).isEqualTo(1);
        assertThat(raise.path("channels").get(0).asString()).isEqualTo(shop.web());
        assertThat(raise.path("reason").asString()).contains("在庫あり", "残りわずか", "3 点から 5 点");
        assertThat(api.get("/api/insight/display-suggestions?sku=" + sku, "en").body()).contains("from 3 to 5");
        assertThat(find(sku, "SHARED_STOCK_NOTE")).as("the web shop's pool has the store: it says so already").isNull();
        String apply = "/api/insight/display-suggestions/" + raise.path("id").asString() + "/apply";

        for (String scope : List.of("READ", "WRITE")) {
            ShopApi other = new InsightApi(port);
            other.useToken(api.ok(api.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                    .put("name", ShopApi.unique("insight-" + scope)).put("scope", scope))).path("token").asString());
            assertThat(other.post(apply).status()).as(scope).isEqualTo(403);
        }
        assertThat(threshold(sku)).isEqualTo(3);

        JsonNode applied = api.ok(api.post(apply));
        assertThat(applied.path("detail").asString()).isEqualTo("lowStockThreshold 3 -> 5");
        assertThat(threshold(sku)).isEqualTo(5);
        ShopApi.Response again = api.post(apply);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(threshold(sku)).isEqualTo(5);
        assertThat(find(sku, "RAISE_LOW_THRESHOLD")).isNull();
        JsonNode decision = decision(sku, "RAISE_LOW_THRESHOLD");
        assertThat(decision.path("action").asString()).isEqualTo("APPLIED");
        assertThat(decision.path("decidedBy").asString()).startsWith("token:");

        // a new failure brings it back, made of the new failure only
        failed(sku, shop.web(), "ALLOCATION_FAILED", 1, Duration.ofMinutes(30));
        JsonNode back = suggestion(sku, "RAISE_LOW_THRESHOLD");
        assertThat(back.path("failures").intValue()).isEqualTo(1);
        assertThat(back.path("currentValue").intValue()).isEqualTo(5);
        assertThat(back.path("suggestedValue").intValue()).isEqualTo(6);
    }

    @Test
    void failuresOnAChannelSharingItsPoolWithAnotherChannelTurnOnTheSharedStockNote() {
        String sku = api.product("DN", 3);
        String amazon = "AMZ-" + shop.warehouse();
        api.ok(api.post("/api/channels", ShopApi.JSON.createObjectNode().put("code", amazon).put("kind", "MARKETPLACE")
                .put("name", "Amazon").put("online", true).set("locations",
                        ShopApi.JSON.createArrayNode().add(shop.warehouse()))));
        api.sellable(sku, shop.warehouse(), 10);
        String before = availability(sku, amazon);
        assertThat(before).isEqualTo("在庫あり");
        String web = availability(sku, shop.web());

        failed(sku, amazon, "INSPECTION_DEFECT", 1, Duration.ofHours(1));
        JsonNode note = suggestion(sku, "SHARED_STOCK_NOTE");
        assertThat(note.path("channels").get(0).asString()).isEqualTo(amazon);
        assertThat(note.path("reason").asString()).contains("共有");

        JsonNode raise = suggestion(sku, "RAISE_LOW_THRESHOLD");
        api.ok(api.post("/api/insight/display-suggestions/" + raise.path("id").asString() + "/dismiss"));
        assertThat(find(sku, "RAISE_LOW_THRESHOLD")).isNull();
        assertThat(api.post("/api/insight/display-suggestions/" + raise.path("id").asString() + "/apply").status())
                .as("dismissed: not applied later").isEqualTo(409);
        assertThat(threshold(sku)).isEqualTo(3);

        api.ok(api.post("/api/insight/display-suggestions/" + note.path("id").asString() + "/apply"));
        assertThat(availability(sku, amazon)).isEqualTo("在庫あり　※他の販売先と在庫を共有しているため、数量は随時変わります");
        assertThat(availability(sku, shop.web())).as("the store's note stays as it was").isEqualTo(web);
        assertThat(find(sku, "SHARED_STOCK_NOTE")).isNull();
        assertThat(api.post("/api/insight/display-suggestions/" + note.path("id").asString() + "/apply").status())
                .isEqualTo(409);
    }

    @Test
    void tillSalesDisplacingOnlineOrdersSuggestUnitsTheStoreKeeps() {
        String sku = api.product("DP", 3);
        failed(sku, shop.web(), "DISPLACED", 1, Duration.ofHours(3));
        failed(sku, shop.web(), "DISPLACED", 2, Duration.ofHours(2));

        JsonNode protect = suggestion(sku, "PROTECT_FOR_STORE");
        assertThat(protect.path("failures").intValue()).isEqualTo(2);
        assertThat(protect.path("location").asString()).isEqualTo(shop.store());
        assertThat(protect.path("suggestedValue").intValue()).as("the units displaced in one day").isEqualTo(3);
        assertThat(find(sku, "RAISE_LOW_THRESHOLD")).isNull();
        assertThat(api.ok(api.get("/api/protections?location=" + shop.store() + "&sku=" + sku)).size()).isZero();

        api.ok(api.post("/api/insight/display-suggestions/" + protect.path("id").asString() + "/apply"));
        JsonNode protections = api.ok(api.get("/api/protections?location=" + shop.store() + "&sku=" + sku));
        assertThat(protections.size()).isEqualTo(1);
        assertThat(protections.get(0).path("kind").asString()).isEqualTo("STORE_KEEPS");
        assertThat(protections.get(0).path("quantity").intValue()).isEqualTo(3);
        assertThat(api.post("/api/insight/display-suggestions/" + protect.path("id").asString() + "/apply").status())
                .isEqualTo(409);
        assertThat(api.ok(api.get("/api/protections?location=" + shop.store() + "&sku=" + sku)).size()).isEqualTo(1);
    }

    @Test
    void aRealTillSaleThatDisplacedAMarketplaceOrderSuggestsUnitsTheStoreKeeps() {
        String sku = api.product("DR", 3);
        api.sellable(sku, shop.store(), 1);
        JsonNode placed = api.ok(api.post("/api/orders", ShopApi.orderBody(shop.marketplace(), "CAPTURED", sku, 1)
                .put("externalRef", ShopApi.unique("AMZ"))));
        String number = placed.path("orderNumber").asString();
        api.ok(api.post("/api/stock/pos-sales", ShopApi.JSON.createObjectNode().put("sku", sku)
                .put("location", shop.store()).put("quantity", 1).put("force", true)));
        dev.zaiko.support.Events.awaitHandled(jdbc, sku);
        dev.zaiko.support.Events.awaitHandled(jdbc, number);

        JsonNode protect = suggestion(sku, "PROTECT_FOR_STORE");
        assertThat(protect.path("channels").get(0).asString()).isEqualTo(shop.marketplace());
        assertThat(protect.path("location").asString()).isEqualTo(shop.store());
        assertThat(protect.path("suggestedValue").intValue()).isEqualTo(1);
        api.ok(api.post("/api/insight/display-suggestions/" + protect.path("id").asString() + "/apply"));
        JsonNode protections = api.ok(api.get("/api/protections?location=" + shop.store() + "&sku=" + sku));
        assertThat(protections.size()).isEqualTo(1);
        assertThat(protections.get(0).path("kind").asString()).isEqualTo("STORE_KEEPS");
    }

    @Test
    void aSupervisorAppliesASuggestionFromTheConsolePageOnce() {
        String sku = api.product("DC", 2);
        failed(sku, shop.web(), "ALLOCATION_FAILED", 1, Duration.ofHours(1));
        String id = suggestion(sku, "RAISE_LOW_THRESHOLD").path("id").asString();

        ShopApi browser = new InsightApi(port);
        browser.signIn("admin", "test-admin-password");
        // the shop's whole list has a page of 50 at a time: the SKU is looked up as staff would
        ShopApi.Response page = browser.page("/insight/display?sku=" + sku);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(sku, "残りわずかの基準を上げる", "/insight/display/" + id + "/apply",
                "name=\"sku\"");
        ShopApi.Response applied = browser.postForm("/insight/display/" + id + "/apply", java.util.Map.of());
        assertThat(applied.status()).as(applied.body()).isEqualTo(302);
        assertThat(applied.location()).contains("notice=applied");
        assertThat(threshold(sku)).isEqualTo(3);
        ShopApi.Response again = browser.postForm("/insight/display/" + id + "/apply", java.util.Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("すでに適用または見送り済み");
        assertThat(threshold(sku)).isEqualTo(3);
    }

    @Test
    void theListIsPagedWithATotalAndKeepsACaseCountWithTheNewestFewCaseIds() {
        String sku = api.product("DL", 3);
        List<String> cases = new java.util.ArrayList<>();
        for (int i = 7; i >= 1; i--) cases.add(failed(sku, shop.web(), "ALLOCATION_FAILED", 1, Duration.ofHours(i)));

        JsonNode raise = suggestion(sku, "RAISE_LOW_THRESHOLD");
        assertThat(raise.path("failures").intValue()).isEqualTo(7);
        assertThat(raise.path("caseCount").intValue()).isEqualTo(7);
        assertThat(raise.path("cases")).extracting(JsonNode::asString)
                .as("the newest five, newest first").containsExactly(cases.get(6), cases.get(5), cases.get(4),
                        cases.get(3), cases.get(2));
        JsonNode one = api.ok(api.get("/api/insight/display-suggestions/" + raise.path("id").asString()));
        assertThat(one.path("cases")).as("read on its own: every case").hasSize(7);

        String other = api.product("DM", 3);
        failed(other, shop.web(), "ALLOCATION_FAILED", 1, Duration.ofHours(1));
        JsonNode first = api.ok(api.get("/api/insight/display-suggestions?limit=1"));
        assertThat(first.path("suggestions")).hasSize(1);
        assertThat(first.path("total").intValue()).isGreaterThanOrEqualTo(2);
        assertThat(first.path("nextOffset").intValue()).isEqualTo(1);
        JsonNode second = api.ok(api.get("/api/insight/display-suggestions?limit=1&offset=1"));
        assertThat(second.path("suggestions").get(0).path("id").asString())
                .isNotEqualTo(first.path("suggestions").get(0).path("id").asString());
        ShopApi.Response bad = api.get("/api/insight/display-suggestions?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"limit\"");

        ShopApi browser = new InsightApi(port);
        browser.signIn("admin", "test-admin-password");
        ShopApi.Response page = browser.page("/insight/display?sku=" + sku);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/cases/" + cases.get(6) + "\"").doesNotContain("/cases/" + cases.get(0) + "\"");
    }

    @Test
    void aFullRefreshStoresTheSameSuggestionsAsTheLiveOneSkuRefresh() {
        String sku = api.product("DS", 3);
        failed(sku, shop.web(), "DISPLACED", 2, Duration.ofHours(2));
        failed(sku, shop.web(), "ALLOCATION_FAILED", 1, Duration.ofHours(1));
        String live = api.ok(api.get("/api/insight/display-suggestions?sku=" + sku)).path("suggestions").toString();

        api.ok(api.post("/api/insight/display-suggestions/refresh"));
        JsonNode refreshed = api.ok(api.get("/api/insight/display-suggestions?sku=" + sku));
        assertThat(refreshed.path("suggestions").toString()).isEqualTo(live);
        assertThat(refreshed.path("suggestions")).hasSize(2);
        assertThat(refreshed.path("computedAt").isNull()).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ?", Integer.class,
                InsightJobs.DISPLAY_REFRESH_TASK)).as("the durable job that refreshes it").isEqualTo(1);
    }

    /** An order accepted as in stock on the channel (not backordered), and its stockout case. */
    private String failed(String sku, String channel, String reason, int quantity, Duration ago) {
        String order = ShopApi.unique("DFO");
        Instant placed = clock.instant().minus(ago);
        journal.record(new OrderPlaced(order, channel, ShopApi.unique("customer"), null, false,
                List.of(new PlacedLine(1, sku, quantity, 29_800, false)), 0, 29_800L * quantity, placed));
        String caseId = ShopApi.unique("DFC");
        journal.record(new StockoutOpened(caseId, order, 1, sku, reason, 2,
                placed.plus(Duration.ofHours(4)), "NEXT_BUSINESS_DAY", false, false, (LocalDate) null, false,
                placed.plus(Duration.ofMinutes(1))));
        return caseId;
    }

    private JsonNode suggestion(String sku, String kind) {
        JsonNode found = find(sku, kind);
        assertThat(found).as(kind + " for " + sku).isNotNull();
        return found;
    }

    private JsonNode find(String sku, String kind) {
        for (JsonNode s : api.ok(api.get("/api/insight/display-suggestions?sku=" + sku)).path("suggestions")) {
            if (s.path("sku").asString().equals(sku) && s.path("kind").asString().equals(kind)) return s;
        }
        return null;
    }

    private JsonNode decision(String sku, String kind) {
        for (JsonNode d : api.ok(api.get("/api/insight/display-suggestions/decisions"))) {
            if (d.path("sku").asString().equals(sku) && d.path("kind").asString().equals(kind)) return d;
        }
        throw new AssertionError("no decision on " + kind + " for " + sku);
    }

    private int threshold(String sku) {
        return api.ok(api.get("/api/products/" + sku)).path("lowStockThreshold").intValue();
    }

    private String availability(String sku, String channel) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("displayText").asString();
    }
}
