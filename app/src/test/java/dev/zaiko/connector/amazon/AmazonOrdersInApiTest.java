package dev.zaiko.connector.amazon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.zaiko.channel.ChannelApi;
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
 * Orders in from Amazon through the REAL adapter against a WireMock SP-API (searchOrders, Orders API
 * 2026-01-01): what a pull records, what a second pull records (nothing), and what a buyer's
 * cancellation on Amazon does to the units.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AmazonOrdersInApiTest {

    static final String SELLER = "A2SELLER0IN";
    static final String SEARCH = "/orders/2026-01-01/orders";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    final WireMockServer amazon = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    ChannelApi api;
    ShopApi.Shop shop;
    String channel;
    /** What Amazon holds: order id → its searchOrders record. */
    final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    StubMapping search;

    @BeforeEach
    void amazonChannel() {
        amazon.start();
        amazon.stubFor(post(urlPathEqualTo("/auth/o2/token")).withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(recorded("lwa-token-answer.json"))));
        // the channel's stock goes out through the same adapter: Amazon takes it
        amazon.stubFor(patch(urlPathMatching("/listings/2021-08-01/items/" + SELLER + "/.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(recorded("patch-listings-item-accepted.json"))));
        api = new ChannelApi(port);
        shop = api.shop();
        channel = shop.marketplace();
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "AMAZON").put("baseUrl", amazon.baseUrl());
        body.putObject("settings").put("sellerId", SELLER).put("lwaUrl", amazon.baseUrl() + "/auth/o2/token");
        body.putObject("credentials").put("clientId", "amzn1.application-oa2-client.in").put("clientSecret", "in-secret")
                .put("refreshToken", "Atzr|in-refresh");
        api.ok(api.put(path(), body));
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        api.delete(path());
        amazon.stop();
    }

    String path() {
        return "/api/channels/" + channel + "/connector";
    }

    void map(String sku) {
        api.ok(api.put(path() + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("sellerSku", "AMZ-" + sku))));
    }

    static String recorded(String name) {
        try (InputStream in = AmazonOrdersInApiTest.class.getResourceAsStream("/connector/amazon/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A merchant-fulfilled Amazon order of {@code units} of the SKU at 29,800 yen (ChannelApi's price), by card. */
    ObjectNode order(String orderId, String sku, int units, String status) {
        ObjectNode o = ShopApi.JSON.createObjectNode().put("orderId", orderId)
                .put("createdTime", clock.instant().minusSeconds(200).toString())
                .put("lastUpdatedTime", clock.instant().minusSeconds(150).toString());
        o.putObject("buyer").put("buyerName", "山田 花子").put("buyerEmail", orderId + "@marketplace.amazon.co.jp");
        o.putObject("proceeds").putObject("grandTotal").put("amount", String.valueOf(29800L * units)).put("currencyCode", "JPY");
        o.putObject("fulfillment").put("fulfillmentStatus", status).put("fulfilledBy", "MERCHANT");
        ObjectNode item = o.putArray("orderItems").addObject().put("orderItemId", "it-" + orderId).put("quantityOrdered", units);
        item.putObject("product").put("sellerSku", "AMZ-" + sku).putObject("price").putObject("unitPrice")
                .put("amount", "29800").put("currencyCode", "JPY");
        return o;
    }

    /** searchOrders answers these orders (one page). */
    void amazonHolds(List<String> ids) {
        ObjectNode answer = ShopApi.JSON.createObjectNode();
        ArrayNode list = answer.putArray("orders");
        ids.forEach(id -> list.add(orders.get(id)));
        if (search != null) amazon.removeStub(search);
        search = amazon.stubFor(get(urlPathEqualTo(SEARCH)).withHeader("x-amz-access-token", equalTo("Atza|first-access-token"))
                .withQueryParam("fulfilledBy", equalTo("MERCHANT"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(answer.toString())));
    }

    int ats(String sku) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    int ordersOnChannel() {
        return jdbc.queryForObject("select count(*) from orders_order where channel = ?", Integer.class, channel);
    }

    String status(String orderId) {
        String orderNumber = jdbc.queryForObject("select order_number from orders_order where channel = ? and external_ref = ?",
                String.class, channel, orderId);
        return api.ok(api.get("/api/orders/" + orderNumber)).path("status").asString();
    }

    @Test
    void everyAmazonOrderIsRecordedOnceAndASecondPullRecordsNothing() {
        String sku = api.product("AIN");
        map(sku);
        api.sellable(sku, shop.store(), 10);
        List<String> ids = List.of("250-1000000-0000001", "250-1000000-0000002", "250-1000000-0000003");
        ids.forEach(id -> orders.put(id, order(id, sku, 1, "UNSHIPPED")));
        amazonHolds(ids);

        JsonNode first = api.ok(api.post(path() + "/orders/pull"));

        assertThat(first.path("recorded").intValue()).as(first.toString()).isEqualTo(3);
        assertThat(first.path("error").isNull()).isTrue();
        assertThat(ats(sku)).as("each order reserved its unit").isEqualTo(7);

        // the next window's overlap finds them again
        clock.advance(Duration.ofMinutes(3));
        JsonNode second = api.ok(api.post(path() + "/orders/pull"));

        assertThat(second.path("recorded").intValue()).isZero();
        assertThat(second.path("alreadyRecorded").intValue()).isEqualTo(3);
        assertThat(ats(sku)).isEqualTo(7);
        assertThat(ordersOnChannel()).isEqualTo(3);
        amazon.verify(2, getRequestedFor(urlPathEqualTo(SEARCH)));
        assertThat(amazon.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void aBuyerCancellationOnAmazonReleasesTheUnits() {
        String sku = api.product("ACX");
        map(sku);
        api.sellable(sku, shop.store(), 4);
        String id = "250-2000000-0000001";
        orders.put(id, order(id, sku, 3, "UNSHIPPED"));
        amazonHolds(List.of(id));
        assertThat(api.ok(api.post(path() + "/orders/pull")).path("recorded").intValue()).isEqualTo(1);
        assertThat(ats(sku)).isEqualTo(1);

        // the buyer cancels on Amazon: the order's last update moves, lastUpdatedAfter finds it
        clock.advance(Duration.ofMinutes(3));
        orders.put(id, order(id, sku, 3, "CANCELLED"));
        amazonHolds(List.of(id));
        JsonNode pulled = api.ok(api.post(path() + "/orders/pull"));

        assertThat(pulled.path("cancelled").intValue()).as(pulled.toString()).isEqualTo(1);
        assertThat(status(id)).isEqualTo("CANCELLED");
        assertThat(ats(sku)).as("the buyer's units are sellable again").isEqualTo(4);

        clock.advance(Duration.ofMinutes(3));
        api.ok(api.post(path() + "/orders/pull"));
        assertThat(ats(sku)).as("the cancellation heard again changes nothing").isEqualTo(4);
    }
}
