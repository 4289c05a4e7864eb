package dev.zaiko.connector.yahoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Yahoo! orders in, end to end: a channel connected through the real Yahoo adapter to a WireMock
 * stub of the order API, pulled through {@code POST /api/channels/{code}/connector/orders/pull}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class YahooOrdersInApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    final WireMockServer yahoo = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    ChannelApi api;
    ShopApi.Shop shop;
    String channel;

    @BeforeEach
    void yahooStore() {
        yahoo.start();
        yahoo.stubFor(post(urlEqualTo("/yconnect/v2/token")).withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(YahooConnectorTest.resource("token-response.json"))));
        api = new ChannelApi(port);
        shop = api.shop();
        channel = shop.marketplace();
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "YAHOO").put("baseUrl", yahoo.baseUrl());
        body.putObject("settings").put("sellerId", "zaikostore");
        body.putObject("credentials").put("clientId", "yahoo-client").put("clientSecret", "yahoo-secret")
                .put("refreshToken", "yahoo-refresh");
        api.ok(api.put(path(), body));
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        api.delete(path());
        yahoo.stop();
    }

    String path() {
        return "/api/channels/" + channel + "/connector";
    }

    int ats(String sku) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    int recorded() {
        return jdbc.queryForObject("select count(*) from orders_order where channel = ?", Integer.class, channel);
    }

    String status(String orderId) {
        return jdbc.queryForObject("select status from orders_order where channel = ? and external_ref = ?", String.class,
                channel, orderId);
    }

    /** New orders of the round (PublicationTime window) and its cancellations (OrderStatus 4). */
    void answering(List<YahooOrdersContractTest.Row> published, List<YahooOrdersContractTest.Row> cancelled) {
        yahoo.stubFor(YahooOrdersContractTest.orderList(YahooOrdersContractTest.TOKEN)
                .withRequestBody(matchingXPath("/Req/Search/Condition/PublicationTimeFrom"))
                .willReturn(YahooOrdersContractTest.listing(published.size(), published)));
        yahoo.stubFor(YahooOrdersContractTest.orderList(YahooOrdersContractTest.TOKEN)
                .withRequestBody(matchingXPath("/Req/Search/Condition/OrderStatus/text()", equalTo("4")))
                .willReturn(YahooOrdersContractTest.listing(cancelled.size(), cancelled)));
    }

    /** orderInfo of the order: the recorded answer with one line of the SKU's item code. */
    void info(String orderId, String itemCode, int quantity) {
        String line = "<Item><LineId>1</LineId><ItemId>" + itemCode + "</ItemId><Title>item</Title><SubCode></SubCode>"
                + "<UnitPrice>1000</UnitPrice><Quantity>" + quantity + "</Quantity></Item>";
        String xml = YahooConnectorTest.resource("order-info-response.xml")
                .replace("zaikostore-10000001", orderId)
                .replaceAll("(?s)<Item>.*</Item>", line)
                .replace("<TotalPrice>7920</TotalPrice>", "<TotalPrice>" + (1000L * quantity + 660) + "</TotalPrice>");
        yahoo.stubFor(YahooOrdersContractTest.orderInfo(orderId).willReturn(YahooOrdersContractTest.xml(200, xml)));
    }

    @Test
    void everyYahooOrderIsRecordedOnceAndTheNextRoundRecordsNothing() {
        String sku = api.product("YIN");
        String item = sku.replaceAll("[^A-Za-z0-9-]", "-").toLowerCase();
        api.ok(api.put(path() + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("itemCode", item))));
        api.sellable(sku, shop.store(), 10);
        Instant now = clock.instant();
        List<YahooOrdersContractTest.Row> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id = "zaikostore-" + item + "-" + i;
            rows.add(new YahooOrdersContractTest.Row(id, 2, now.minusSeconds(60), now.minusSeconds(60)));
            info(id, item, i);
        }
        answering(rows, List.of());

        JsonNode first = api.ok(api.post(path() + "/orders/pull"));

        assertThat(first.path("recorded").intValue()).as("%s; unmatched %s", first, yahoo.findAllUnmatchedRequests())
                .isEqualTo(3);
        assertThat(first.path("pages").intValue()).as("the new orders, then the round's cancellations").isEqualTo(2);
        assertThat(recorded()).isEqualTo(3);
        assertThat(ats(sku)).as("1 + 2 + 3 units reserved").isEqualTo(4);
        JsonNode order = api.ok(api.get("/api/orders/" + jdbc.queryForObject(
                "select order_number from orders_order where channel = ? and external_ref = ?", String.class, channel,
                "zaikostore-" + item + "-2")));
        assertThat(order.path("lines").get(0).path("sku").asString()).isEqualTo(sku);

        JsonNode second = api.ok(api.post(path() + "/orders/pull"));

        assertThat(second.path("recorded").intValue()).isZero();
        assertThat(recorded()).isEqualTo(3);
        assertThat(ats(sku)).isEqualTo(4);
        yahoo.verify(3, postRequestedFor(urlEqualTo(YahooOrdersContractTest.INFO)));
        assertThat(api.ok(api.get(path() + "/orders")).path("inboxOpen").intValue()).isZero();
    }

    @Test
    void anOrderTheBuyerCancelsOnYahooReleasesItsUnits() {
        String sku = api.product("YCX");
        String item = sku.replaceAll("[^A-Za-z0-9-]", "-").toLowerCase();
        api.ok(api.put(path() + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("itemCode", item))));
        api.sellable(sku, shop.store(), 5);
        Instant now = clock.instant();
        String id = "zaikostore-" + item;
        info(id, item, 3);
        answering(List.of(new YahooOrdersContractTest.Row(id, 2, now.minusSeconds(60), now.minusSeconds(60))), List.of());
        api.ok(api.post(path() + "/orders/pull"));
        assertThat(ats(sku)).isEqualTo(2);

        answering(List.of(), List.of(new YahooOrdersContractTest.Row(id, 4, now.minusSeconds(60), clock.instant())));
        JsonNode pulled = api.ok(api.post(path() + "/orders/pull"));

        assertThat(pulled.path("cancelled").intValue()).as(pulled.toString()).isEqualTo(1);
        assertThat(status(id)).isEqualTo("CANCELLED");
        assertThat(ats(sku)).as("the buyer's units are sellable again").isEqualTo(5);
    }
}
