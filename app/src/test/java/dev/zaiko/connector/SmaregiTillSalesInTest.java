package dev.zaiko.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store's till on Smaregi (a WireMock Smaregi on loopback, the real adapter) connected to the
 * store's till channel: its transactions, pulled with {@code POST …/connector/till-sales/pull},
 * become till sales at the store (returns: receipts to inspect), each line once, and reach the other
 * connected channels (an Amazon stub).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SmaregiTillSalesInTest {

    static final String TRANSACTIONS = "/zaiko1/pos/transactions";

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    final WireMockServer smaregi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    ConnectorApiTest.Api api;
    ShopApi.Shop shop;
    String till;

    @BeforeEach
    void aStoreTillConnectedToSmaregi() {
        smaregi.start();
        smaregi.stubFor(post(urlPathEqualTo("/app/zaiko1/token"))
                .willReturn(okJson(PlatformStubs.recorded("smaregi/token-answer.json"))));
        smaregi.stubFor(patch(urlPathEqualTo("/zaiko1/pos/stock/bulk")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(PlatformStubs.recorded("smaregi/stock-bulk-accepted.json"))));
        smaregi.stubFor(get(urlPathEqualTo(TRANSACTIONS)).willReturn(okJson("[]")));
        api = new ConnectorApiTest.Api(port);
        shop = api.shop();
        till = shop.till();
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SMAREGI").put("sandbox", true)
                .put("baseUrl", "http://127.0.0.1:" + smaregi.port());
        body.putObject("settings").put("contractId", "zaiko1").put("storeId", "1").put("callbackBaseUrl", "https://zaiko.example.jp");
        body.putObject("credentials").put("clientId", "client").put("clientSecret", "client-secret")
                .put("callbackSecret", "till-callback-secret-4Rt8");
        api.ok(api.put("/api/channels/" + till + "/connector", body));
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        api.delete("/api/channels/" + till + "/connector");
        smaregi.stop();
    }

    /** A product with {@code units} sellable at the store, mapped to a Smaregi productId on the till channel. */
    String sellable(String productId, int units) {
        String sku = api.product("TILL");
        map(sku, productId);
        if (units > 0) api.sellable(sku, shop.store(), units);
        return sku;
    }

    void map(String sku, String productId) {
        api.ok(api.put("/api/channels/" + till + "/connector/items/" + sku, ShopApi.JSON.createObjectNode()
                .set("identifiers", ShopApi.JSON.createObjectNode().put("productId", productId))));
    }

    /** Smaregi's 取引一覧 now lists these transactions of store 1, with their details. */
    void smaregiLists(ObjectNode... transactions) {
        ArrayNode list = ShopApi.JSON.createArrayNode();
        for (ObjectNode t : transactions) list.add(t);
        smaregi.stubFor(get(urlPathEqualTo(TRANSACTIONS)).withQueryParam("store_id", equalTo("1"))
                .withQueryParam("with_details", equalTo("all")).willReturn(okJson(list.toString())));
    }

    /** A normal transaction of store 1 sold a minute ago; each line {productId, quantity, division}. */
    ObjectNode transaction(String id, String[]... lines) {
        String soldAt = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
                .format(clock.instant().minus(Duration.ofMinutes(1)).atZone(ZoneId.of("Asia/Tokyo")));
        ObjectNode head = ShopApi.JSON.createObjectNode().put("transactionHeadId", id).put("transactionDateTime", soldAt)
                .put("transactionHeadDivision", "1").put("cancelDivision", "0").put("storeId", "1")
                .put("terminalTranDateTime", soldAt);
        ArrayNode details = head.putArray("details");
        for (int i = 0; i < lines.length; i++) {
            details.addObject().put("transactionHeadId", id).put("transactionDetailId", Integer.toString(i + 1))
                    .put("transactionDetailDivision", lines[i][2]).put("productId", lines[i][0]).put("quantity", lines[i][1]);
        }
        return head;
    }

    static String[] line(String productId, int quantity) {
        return new String[] {productId, Integer.toString(quantity), "1"};
    }

    static String[] returned(String productId, int quantity) {
        return new String[] {productId, Integer.toString(quantity), "2"};
    }

    JsonNode pull(String channel) {
        return api.ok(api.post("/api/channels/" + channel + "/connector/till-sales/pull"));
    }

    /** The SKU's levels at the store: inspecting, sellable. */
    int[] atStore(String sku) {
        for (JsonNode l : api.ok(api.get("/api/stock/" + sku)).path("locations")) {
            if (l.path("location").asString().equals(shop.store())) {
                return new int[] {l.path("inspecting").intValue(), l.path("sellable").intValue()};
            }
        }
        return new int[] {0, 0};
    }

    static String id() {
        return Long.toString(System.nanoTime() % 1_000_000_000L);
    }

    @Test
    void aTillSalePulledFromSmaregiLowersTheSkusStockAndASecondPullChangesNothingEvenWhenTheCursorDidNotMove() {
        String sku = sellable("7100001", 5);
        String tx = id();
        smaregiLists(transaction(tx, line("7100001", 2)));

        JsonNode first = pull(till);

        assertThat(first.path("pulled").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.path("sold").intValue()).isEqualTo(2);
        assertThat(atStore(sku)).containsExactly(0, 3);
        JsonNode movement = api.ok(api.get("/api/stock/" + sku + "/movements?limit=1")).get(0);
        assertThat(movement.path("kind").asString()).isEqualTo("TILL_SALE");
        assertThat(movement.path("reference").asString()).isEqualTo("till:" + till + "/" + tx + "/1");

        // as after a crash between recording the lines and moving the cursor: the same window again
        jdbc.update("update connector_till_sale_cursor set cursor = null where channel = ?", till);
        JsonNode second = pull(till);

        assertThat(second.path("sold").intValue()).isZero();
        assertThat(second.path("alreadyRecorded").intValue()).isEqualTo(1);
        assertThat(atStore(sku)).containsExactly(0, 3);
        assertThat(api.ok(api.get("/api/channels/" + till + "/connector/till-sales")).path("linesLastHour").intValue())
                .isEqualTo(1);
    }

    @Test
    void aReturnAtTheTillComesBackAsAReceiptToInspectNotStraightToSellable() {
        String sku = sellable("7100002", 1);
        smaregiLists(transaction(id(), returned("7100002", 1)));

        JsonNode report = pull(till);

        assertThat(report.path("returned").intValue()).as(report.toString()).isEqualTo(1);
        assertThat(atStore(sku)).as("inspecting, sellable").containsExactly(1, 1);
        assertThat(api.ok(api.get("/api/stock/" + sku + "/movements?limit=1")).get(0).path("kind").asString())
                .isEqualTo("RECEIPT");
    }

    @Test
    void aTransactionNamingAnUnmappedProductWaitsInTheImportInboxWhileItsMappedLinesAreSoldAndIsRecordedOnceMapped() {
        String mapped = sellable("7100003", 4);
        String later = api.product("TILL");
        api.sellable(later, shop.store(), 4);
        String tx = id();
        smaregiLists(transaction(tx, line("7100003", 1), line("7199999", 2)));

        JsonNode report = pull(till);

        assertThat(report.path("kept").intValue()).as(report.toString()).isEqualTo(1);
        assertThat(report.path("sold").intValue()).isEqualTo(1);
        assertThat(atStore(mapped)).as("the till sold it: the other channels must not").containsExactly(0, 3);
        JsonNode entry = api.ok(api.get("/api/channels/" + till + "/connector/inbox")).get(0);
        assertThat(entry.path("orderId").asString()).isEqualTo(tx);
        assertThat(entry.path("reason").asString()).isEqualTo("UNKNOWN_SKU");
        assertThat(entry.path("message").asString()).contains("7199999");
        assertThat(entry.path("status").asString()).isEqualTo("OPEN");
        assertThat(pull(till).path("sold").intValue()).as("pulled again: still kept, nothing sold twice").isZero();
        assertThat(atStore(mapped)).containsExactly(0, 3);

        map(later, "7199999");
        JsonNode retried = api.ok(api.post("/api/channels/" + till + "/connector/inbox/" + entry.path("id").asString() + "/retry"));

        assertThat(retried.path("status").asString()).isEqualTo("RECORDED");
        assertThat(atStore(later)).containsExactly(0, 2);
        assertThat(atStore(mapped)).as("the line recorded before is not sold again").containsExactly(0, 3);
    }

    @Test
    void aSmaregiSaleOfTheLastUnitReachesTheAmazonStubAsZero() {
        try (PlatformStubs stubs = new PlatformStubs()) {
            String amazon = ShopApi.unique("E2E-AMAZON");
            ObjectNode channel = ShopApi.JSON.createObjectNode().put("code", amazon).put("kind", "MARKETPLACE")
                    .put("name", "Amazon").put("online", true);
            channel.putArray("locations").add(shop.store());
            api.ok(api.post("/api/channels", channel));
            try {
                api.ok(api.put("/api/channels/" + amazon + "/connector", stubs.account(Platform.AMAZON)));
                String sku = sellable("7100004", 0);
                String sellerSku = stubs.identifiers(Platform.AMAZON, sku).get("sellerSku");
                api.ok(api.csv("/api/channels/" + amazon + "/connector/items", "sku,sellerSku\n" + sku + "," + sellerSku + "\n"));
                api.sellable(sku, shop.store(), 1);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(stubs.shown(Platform.AMAZON).get(sku)).as("Amazon shows the last unit").isEqualTo(1));

                smaregiLists(transaction(id(), line("7100004", 1)));
                assertThat(pull(till).path("sold").intValue()).isEqualTo(1);

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(stubs.shown(Platform.AMAZON).get(sku)).as("Amazon shows the SKU sold out").isEqualTo(0));
                assertThat(stubs.pushes(Platform.AMAZON)).extracting(p -> p.quantities().get(sku))
                        .as("never an older value after the newer one").containsSubsequence(1, 0).endsWith(0);
            } finally {
                api.delete("/api/channels/" + amazon + "/connector");
            }
        }
    }

    @Test
    void aChannelWhosePlatformHasNoTillAnswersThatItPulledNothing() {
        try (PlatformStubs stubs = new PlatformStubs()) {
            String shopify = ShopApi.unique("E2E-SHOPIFY");
            ObjectNode channel = ShopApi.JSON.createObjectNode().put("code", shopify).put("kind", "MARKETPLACE")
                    .put("name", "Shopify").put("online", true);
            channel.putArray("locations").add(shop.store());
            api.ok(api.post("/api/channels", channel));
            api.ok(api.put("/api/channels/" + shopify + "/connector", stubs.account(Platform.SHOPIFY)));
            try {
                JsonNode report = pull(shopify);
                assertThat(report.path("pulled").asBoolean()).isFalse();
                assertThat(List.of(report.path("sold").intValue(), report.path("returned").intValue())).containsOnly(0);
            } finally {
                api.delete("/api/channels/" + shopify + "/connector");
            }
        }
    }
}
