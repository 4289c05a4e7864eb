package dev.zaiko.connector.rakuten;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
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
 * Orders in from Rakuten through the REAL adapter against a WireMock RMS: what a pull records, what a
 * second pull records (nothing), and what a buyer's cancellation on Rakuten does to the units.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RakutenOrdersInApiTest {

    static final String ESA = "ESA " + Base64.getEncoder()
            .encodeToString("SP-in-secret:SL-in-license".getBytes(StandardCharsets.UTF_8));
    static final String SEARCH = "/es/2.0/order/searchOrder/";
    static final String GET = "/es/2.0/order/getOrder/";
    static final String CONFIRM = "/es/2.0/order/confirmOrder/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    final WireMockServer rms = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    ChannelApi api;
    ShopApi.Shop shop;
    String channel;
    /** What RMS holds: order number → its getOrder record. */
    final Map<String, ObjectNode> orders = new LinkedHashMap<>();

    @BeforeEach
    void rakutenChannel() {
        rms.start();
        api = new ChannelApi(port);
        shop = api.shop();
        channel = shop.marketplace();
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "RAKUTEN").put("baseUrl", rms.baseUrl());
        body.putObject("credentials").put("serviceSecret", "SP-in-secret").put("licenseKey", "SL-in-license");
        api.ok(api.put(path(), body));
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        api.delete(path());
        rms.stop();
    }

    String path() {
        return "/api/channels/" + channel + "/connector";
    }

    void map(String sku) {
        api.ok(api.put(path() + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("manageNumber", "mng-" + sku.toLowerCase()).put("variantId", sku))));
    }

    MappingBuilder rmsPost(String path) {
        return post(urlEqualTo(path)).withHeader("Authorization", equalTo(ESA))
                .withHeader("Content-Type", containing("application/json"));
    }

    /** An RMS order of {@code units} of the SKU at 29,800 yen (ChannelApi's price), paid by card. */
    ObjectNode order(String number, String sku, int units, int progress) {
        ObjectNode o = ShopApi.JSON.createObjectNode().put("orderNumber", number).put("orderProgress", progress)
                .put("orderDatetime", RakutenOrders.rmsTime(clock.instant().minusSeconds(20)))
                .put("goodsPrice", 29800L * units).put("postagePrice", 0).put("deliveryPrice", 0).put("paymentCharge", 0)
                .put("totalPrice", 29800L * units).put("requestPrice", 29800L * units).put("couponAllTotalPrice", 0);
        o.putObject("OrdererModel").put("familyName", "楽天").put("firstName", "太郎")
                .put("emailAddress", "buyer-" + number + "@pc.fw.rakuten.ne.jp");
        o.putObject("SettlementModel").put("settlementMethod", "クレジットカード");
        o.putObject("PointModel").put("usedPoint", 0);
        ObjectNode item = o.putArray("PackageModelList").addObject().putArray("ItemModelList").addObject()
                .put("itemDetailId", number.hashCode() & 0xffffff).put("manageNumber", "MNG-" + sku).put("priceTaxIncl", 29800)
                .put("price", 29800).put("units", units).put("deleteItemFlag", 0);
        item.putArray("SkuModelList").addObject().put("variantId", sku);
        return o;
    }

    /** RMS answers the order-date search with these numbers, the cancellation sweep with those, and getOrder from {@link #orders}. */
    void rmsHolds(List<String> found, List<String> cancelledInSweep) {
        rms.resetAll();
        // the channel's stock goes out through the same adapter: RMS takes it
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
        rms.stubFor(rmsPost(SEARCH).withRequestBody(matchingJsonPath("$.orderProgressList.length()", equalTo("5")))
                .withRequestBody(matchingJsonPath("$.dateType", equalTo("1")))
                .willReturn(okJson(search(found))));
        rms.stubFor(rmsPost(SEARCH).withRequestBody(matchingJsonPath("$.orderProgressList.length()", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.orderProgressList[0]", equalTo("900")))
                .willReturn(okJson(search(cancelledInSweep))));
        if (!found.isEmpty()) {
            ObjectNode answer = ShopApi.JSON.createObjectNode();
            ArrayNode list = answer.putArray("OrderModelList");
            found.forEach(n -> list.add(orders.get(n)));
            rms.stubFor(rmsPost(GET).withRequestBody(matchingJsonPath("$.version", equalTo("7")))
                    .willReturn(okJson(answer.toString())));
        }
        rms.stubFor(rmsPost(CONFIRM).willReturn(okJson(
                "{\"MessageModelList\":[{\"messageType\":\"INFO\",\"messageCode\":\"ORDER_EXT_API_CONFIRM_ORDER_INFO_101\",\"message\":\"OK\"}]}")));
    }

    static String search(List<String> numbers) {
        ObjectNode answer = ShopApi.JSON.createObjectNode();
        ArrayNode list = answer.putArray("orderNumberList");
        numbers.forEach(list::add);
        answer.putObject("PaginationResponseModel").put("totalRecordsAmount", numbers.size())
                .put("totalPages", numbers.isEmpty() ? 0 : 1).put("requestPage", 1);
        return answer.toString();
    }

    int ats(String sku) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    int ordersOnChannel() {
        return jdbc.queryForObject("select count(*) from orders_order where channel = ?", Integer.class, channel);
    }

    String status(String number) {
        String orderNumber = jdbc.queryForObject("select order_number from orders_order where channel = ? and external_ref = ?",
                String.class, channel, number);
        return api.ok(api.get("/api/orders/" + orderNumber)).path("status").asString();
    }

    @Test
    void everyRakutenOrderIsRecordedOnceConfirmedOnRakutenAndASecondPullRecordsNothing() {
        String sku = api.product("RIN");
        map(sku);
        api.sellable(sku, shop.store(), 10);
        List<String> numbers = List.of("338531-20240501-1000000001", "338531-20240501-1000000002", "338531-20240501-1000000003");
        numbers.forEach(n -> orders.put(n, order(n, sku, 1, 100)));
        rmsHolds(numbers, List.of());

        JsonNode first = api.ok(api.post(path() + "/orders/pull"));

        assertThat(first.path("recorded").intValue()).as(first.toString()).isEqualTo(3);
        assertThat(first.path("error").isNull()).isTrue();
        assertThat(ats(sku)).as("each order reserved its unit").isEqualTo(7);
        rms.verify(1, postRequestedFor(urlEqualTo(CONFIRM)).withRequestBody(equalToJson(
                "{\"orderNumberList\":[\"" + String.join("\",\"", numbers) + "\"]}")));
        assertThat(rms.findAllUnmatchedRequests()).isEmpty();

        // RMS moved them on (楽天処理中); the next search's overlap finds them again
        numbers.forEach(n -> orders.put(n, order(n, sku, 1, 200)));
        rmsHolds(numbers, List.of());
        JsonNode second = api.ok(api.post(path() + "/orders/pull"));

        assertThat(second.path("recorded").intValue()).isZero();
        assertThat(second.path("alreadyRecorded").intValue()).isEqualTo(3);
        assertThat(ats(sku)).isEqualTo(7);
        assertThat(ordersOnChannel()).isEqualTo(3);
        rms.verify(0, postRequestedFor(urlEqualTo(CONFIRM)));
    }

    @Test
    void aBuyerCancellationOnRakutenFoundByTheSweepReleasesTheUnits() {
        String sku = api.product("RCX");
        map(sku);
        api.sellable(sku, shop.store(), 4);
        String number = "338531-20240501-2000000001";
        orders.put(number, order(number, sku, 3, 100));
        rmsHolds(List.of(number), List.of());
        assertThat(api.ok(api.post(path() + "/orders/pull")).path("recorded").intValue()).isEqualTo(1);
        assertThat(ats(sku)).isEqualTo(1);

        // days later the buyer cancels: the order is outside the order-date window, the sweep finds it
        clock.advance(Duration.ofMinutes(11));
        rmsHolds(List.of(), List.of(number));
        JsonNode pulled = api.ok(api.post(path() + "/orders/pull"));

        assertThat(pulled.path("cancelled").intValue()).as(pulled.toString()).isEqualTo(1);
        assertThat(status(number)).isEqualTo("CANCELLED");
        assertThat(ats(sku)).as("the buyer's units are sellable again").isEqualTo(4);
        rms.verify(0, postRequestedFor(urlEqualTo(GET)));

        clock.advance(Duration.ofMinutes(11));
        api.ok(api.post(path() + "/orders/pull"));
        assertThat(ats(sku)).as("the cancellation heard again changes nothing").isEqualTo(4);
    }
}
