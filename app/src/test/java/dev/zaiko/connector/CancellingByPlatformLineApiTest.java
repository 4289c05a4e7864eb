package dev.zaiko.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
 * A stock-out cancellation names the platform's own line (the order line's externalLineRef) to the
 * REAL Amazon adapter on a WireMock stub: the acknowledgement feed carries the line's
 * AmazonOrderItemCode, and the part of a split line whose other units still ship is not sent
 * (docs/connectors.md, "Cancellations").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CancellingByPlatformLineApiTest {

    static final Duration BOUND = Duration.ofSeconds(30);
    static final String ITEM_CODE = "25959136016214";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ConnectorApiTest.Api api;
    ShopApi.Shop shop;
    PlatformStubs stubs;
    WireMockServer amazon;
    String channel;

    @BeforeEach
    void amazonOnAStub() {
        api = new ConnectorApiTest.Api(port);
        shop = api.shop();
        stubs = new PlatformStubs();
        amazon = stubs.server(Platform.AMAZON);
        channel = ShopApi.unique("AMZ-LINE");
        ObjectNode body = ShopApi.JSON.createObjectNode().put("code", channel).put("kind", "MARKETPLACE")
                .put("name", "Amazon").put("online", true);
        body.putArray("locations").add(shop.store());
        api.ok(api.post("/api/channels", body));
        // the Feeds API as recorded in the contract test: a document, its pre-signed upload, the feed
        String upload = stubs.baseUrl(Platform.AMAZON) + "/feed-doc?X-Amz-Signature=abc";
        amazon.stubFor(post(urlPathEqualTo("/feeds/2021-06-30/documents")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(PlatformStubs.recorded("amazon/create-feed-document-answer.json").replace("UPLOAD_URL", upload))));
        amazon.stubFor(put(urlPathEqualTo("/feed-doc")).willReturn(aResponse().withStatus(200)));
        amazon.stubFor(post(urlPathEqualTo("/feeds/2021-06-30/feeds"))
                .willReturn(okJson(PlatformStubs.recorded("amazon/create-feed-answer.json")).withStatus(202)));
        api.ok(api.put("/api/channels/" + channel + "/connector", stubs.account(Platform.AMAZON)));
    }

    @AfterEach
    void disconnect() {
        api.delete("/api/channels/" + channel + "/connector");
        stubs.close();
    }

    String product() {
        String sku = ShopApi.unique("LINE");
        ObjectNode product = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 2000);
        product.putObject("name").put("ja", "明細テント").put("en", "Line tent");
        api.ok(api.post("/api/products", product));
        return sku;
    }

    /** An Amazon order of one line with its AmazonOrderItemCode; returns its number. */
    String order(String externalRef, String sku, int quantity) {
        ObjectNode order = ShopApi.JSON.createObjectNode().put("channel", channel).put("externalRef", externalRef);
        order.putObject("customer").put("name", "高橋 美咲").put("email", ShopApi.uniqueEmail()).put("locale", "ja");
        order.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED");
        order.putArray("lines").addObject().put("sku", sku).put("quantity", quantity).put("unitPrice", 2000)
                .put("externalLineRef", ITEM_CODE);
        return api.ok(api.post("/api/orders", ShopApi.balancePayment(order))).path("orderNumber").asString();
    }

    void decide(String number, String reason, String choice) {
        JsonNode cases = api.ok(api.get("/api/stockouts?reason=" + reason + "&order=" + number)).path("items");
        api.ok(api.post("/api/stockouts/" + cases.get(0).path("id").asString() + "/decision",
                ShopApi.JSON.createObjectNode().put("choice", choice).put("decidedBy", "staff:line-test")));
    }

    Map<String, Object> awaitCancellation(String number, String status) {
        await("cancellation of " + number + " " + status).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(jdbc.query(
                        "select status from connector_cancellation where order_number = ?",
                        rs -> rs.next() ? rs.getString(1) : null, number)));
        return jdbc.queryForMap("select * from connector_cancellation where order_number = ?", number);
    }

    JsonNode refund(String number) {
        JsonNode refunds = api.ok(api.get("/api/refunds?order=" + number)).path("refunds");
        assertThat(refunds.size()).as(refunds.toString()).isEqualTo(1);
        return refunds.get(0);
    }

    @Test
    void aCancelledAmazonLineIsSentWithItsAmazonOrderItemCodeInTheAcknowledgementFeed() {
        String sku = product(); // none in stock: the line is short and the decision cancels it
        String externalRef = ShopApi.unique("249-") + "-2783041";
        String number = order(externalRef, sku, 2);
        decide(number, "ALLOCATION_FAILED", "CANCEL");

        Map<String, Object> row = awaitCancellation(number, "PENDING");

        assertThat(row.get("platform_line_id")).isEqualTo(ITEM_CODE);
        assertThat(row.get("units_kept")).isEqualTo(0);
        assertThat(row.get("reference")).as("the feedId to follow").isEqualTo("3485934");
        List<LoggedRequest> uploads = amazon.findAll(putRequestedFor(urlPathEqualTo("/feed-doc")));
        assertThat(uploads).hasSize(1);
        String xml = uploads.get(0).getBodyAsString().replaceAll(">\\s+<", "><");
        assertThat(xml).contains("<AmazonOrderID>" + externalRef + "</AmazonOrderID>",
                "<StatusCode>Failure</StatusCode>",
                "<Item><AmazonOrderItemCode>" + ITEM_CODE + "</AmazonOrderItemCode>"
                        + "<CancelReason>NoInventory</CancelReason></Item>");
        amazon.verify(1, postRequestedFor(urlPathEqualTo("/feeds/2021-06-30/feeds")));
        JsonNode refund = refund(number);
        assertThat(refund.path("status").asString()).as("under way, not refused at once").isEqualTo("PROCESSING");
        assertThat(refund.path("needsAttention").asBoolean()).isFalse();
    }

    @Test
    void theMissingUnitsOfASplitAmazonLineAreNotSentWhileItsOtherUnitsStillShip() {
        String sku = product();
        api.sellable(sku, shop.store(), 3);
        String number = order(ShopApi.unique("249-") + "-2783042", sku, 3);
        ObjectNode pack = ShopApi.JSON.createObjectNode();
        pack.putArray("lines").addObject().put("lineNo", 1).put("passed", 2).put("defective", 1);
        api.ok(api.post("/api/orders/" + number + "/pack", pack));
        decide(number, "INSPECTION_DEFECT", "PARTIAL");

        JsonNode lines = api.ok(api.get("/api/orders/" + number)).path("lines");
        assertThat(lines.size()).isEqualTo(2);
        assertThat(lines.get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(lines.get(1).path("status").asString()).isEqualTo("CANCELLED");
        assertThat(lines.get(0).path("externalLineRef").asString()).as("the part that ships").isEqualTo(ITEM_CODE);
        assertThat(lines.get(1).path("externalLineRef").asString()).as("the part cancelled").isEqualTo(ITEM_CODE);

        Map<String, Object> row = awaitCancellation(number, "REFUSED");
        assertThat(row.get("line_no")).isEqualTo(2);
        assertThat(row.get("cause")).isEqualTo("MISSING_UNITS_CANCELLED");
        assertThat(row.get("platform_line_id")).isEqualTo(ITEM_CODE);
        assertThat(row.get("units_kept")).isEqualTo(2);
        assertThat((String) row.get("message")).contains("2 unit(s) of it still ship");
        assertThat(amazon.findAll(putRequestedFor(anyUrl()))).as("no feed uploaded").isEmpty();
        JsonNode refund = refund(number);
        assertThat(refund.path("status").asString()).isEqualTo("FAILED");
        assertThat(refund.path("needsAttention").asBoolean()).as("a person refunds it on Amazon").isTrue();
    }
}
