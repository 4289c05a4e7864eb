package dev.zaiko.connector.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.zaiko.channel.ChannelApi;
import dev.zaiko.platform.JobScheduler;
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
 * Orders in from Shopify through the real adapter: order webhooks posted without a Zaiko token to
 * {@code /api/connector/shopify/webhooks/{channel}}, signed as Shopify signs them, and the periodic
 * pull against a WireMock Admin GraphQL. What a genuine delivery records, what a forged or repeated
 * one does (nothing), what a cancellation releases, and that the answer does not wait for the
 * processing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ShopifyOrdersInApiTest {

    static final String SECRET = "shop-app-client-secret-4Fq9";
    static final String SHOP = "zaiko-in.myshopify.com";
    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 10);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobScheduler jobs;

    final WireMockServer shopify = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    ChannelApi api;
    ShopApi.Shop shop;
    String channel;

    @BeforeEach
    void aShopifyShopConnected() {
        shopify.start();
        // the channel's stock goes out through the same adapter: Shopify takes it
        shopify.stubFor(post(urlPathEqualTo(ShopifyOrdersContractTest.GRAPHQL))
                .withRequestBody(matchingJsonPath("$.query", containing("inventorySetQuantities")))
                .willReturn(okJson(ShopifyConnectorTest.recorded("inventorySetQuantities-answer.json"))));
        api = new ChannelApi(port);
        shop = api.shop();
        // orders are accepted and paid on Shopify: a channel of kind MARKETPLACE (docs/connectors.md, Shopify)
        channel = shop.marketplace();
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SHOPIFY").put("baseUrl", shopify.baseUrl());
        body.putObject("settings").put("shopDomain", SHOP).put("locationId", "gid://shopify/Location/77");
        body.putObject("credentials").put("accessToken", "shpat_in").put("clientSecret", SECRET);
        api.ok(api.put(path(channel), body));
    }

    @AfterEach
    void disconnect() {
        api.delete(path(channel));
        shopify.stop();
    }

    static String path(String channel) {
        return "/api/channels/" + channel + "/connector";
    }

    /** A product sellable at the shop's store, mapped to a Shopify inventory item and variant. */
    record Mapped(String sku, long variant, long inventoryItem) {
    }

    Mapped sellable(int units) {
        String sku = api.product("SHOP");
        long variant = IDS.incrementAndGet();
        long item = IDS.incrementAndGet();
        api.ok(api.put(path(channel) + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("inventoryItemId", "gid://shopify/InventoryItem/" + item)
                        .put("variantId", "gid://shopify/ProductVariant/" + variant))));
        api.sellable(sku, shop.store(), units);
        return new Mapped(sku, variant, item);
    }

    /** The recorded orders/create body for this order: units of the mapped variant at 29,800, 800 shipping, 1,000 off. */
    static byte[] webhookBody(long orderId, Mapped item, int units, boolean cancelled) {
        ObjectNode o = (ObjectNode) ShopApi.JSON.readTree(ShopifyConnectorTest.recorded(
                cancelled ? "orders-cancelled-webhook.json" : "orders-create-webhook.json"));
        o.put("id", orderId).put("admin_graphql_api_id", "gid://shopify/Order/" + orderId)
                .put("total_price", String.valueOf(29800L * units + 800 - 1000))
                .put("total_line_items_price", String.valueOf(29800L * units));
        ObjectNode line = (ObjectNode) o.path("line_items").get(0);
        line.put("variant_id", item.variant()).put("sku", "NOT-A-ZAIKO-SKU").put("quantity", units)
                .put("id", orderId * 10).put("admin_graphql_api_id", "gid://shopify/LineItem/" + orderId * 10);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Shopify's POST: no Authorization header, its own headers, the raw JSON body. */
    ShopApi.Response deliver(String to, String topic, String webhookId, String hmac, byte[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/api/connector/shopify/webhooks/" + to))
                    .header("Content-Type", "application/json").header("X-Shopify-Topic", topic)
                    .header("X-Shopify-Shop-Domain", SHOP).header("X-Shopify-API-Version", "2026-10")
                    .header("X-Shopify-Webhook-Id", webhookId)
                    .header("X-Shopify-Triggered-At", "2026-05-01T01:15:31.000Z");
            if (hmac != null) request.header("X-Shopify-Hmac-Sha256", hmac);
            HttpResponse<String> r = HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new ShopApi.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), null, r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ShopApi.Response deliver(String topic, String webhookId, byte[] body) throws Exception {
        return deliver(channel, topic, webhookId, ShopifyOrdersContractTest.hmac(SECRET, body), body);
    }

    void awaitProcessed(String webhookId) {
        await("delivery " + webhookId + " processed").atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from connector_shopify_webhook where channel = ? and webhook_id = ? and processed_at is not null",
                Integer.class, channel, webhookId) == 1);
    }

    String outcome(String webhookId) {
        return jdbc.queryForObject("select outcome from connector_shopify_webhook where channel = ? and webhook_id = ?",
                String.class, channel, webhookId);
    }

    int deliveries(String on) {
        return jdbc.queryForObject("select count(*) from connector_shopify_webhook where channel = ?", Integer.class, on);
    }

    int ats(String sku) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    int ordersOnChannel() {
        return jdbc.queryForObject("select count(*) from orders_order where channel = ?", Integer.class, channel);
    }

    String status(long orderId) {
        String number = jdbc.queryForObject("select order_number from orders_order where channel = ? and external_ref = ?",
                String.class, channel, "gid://shopify/Order/" + orderId);
        return api.ok(api.get("/api/orders/" + number)).path("status").asString();
    }

    @Test
    void aSignedOrderWebhookIsAnsweredAtOnceAndTheOrderIsRecordedWithItsUnitsReserved() throws Exception {
        Mapped item = sellable(10);
        long orderId = IDS.incrementAndGet();
        String webhookId = UUID.randomUUID().toString();

        ShopApi.Response answer = deliver("orders/create", webhookId, webhookBody(orderId, item, 2, false));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("received").asBoolean()).isTrue();
        awaitProcessed(webhookId);
        assertThat(outcome(webhookId)).isEqualTo("RECORDED");
        assertThat(ats(item.sku())).as("the order reserved its 2 units").isEqualTo(8);
        assertThat(status(orderId)).isNotEqualTo("CANCELLED");
        JsonNode orders = api.ok(api.get(path(channel) + "/orders"));
        assertThat(orders.path("importedLastHour").asLong()).as(orders.toString()).isEqualTo(1);
    }

    @Test
    void aForgedUnsignedOrMisaddressedWebhookIsNotFoundAlikeAndRecordsNothing() throws Exception {
        Mapped item = sellable(10);
        byte[] body = webhookBody(IDS.incrementAndGet(), item, 1, false);
        String genuine = ShopifyOrdersContractTest.hmac(SECRET, body);
        String rakuten = api.shop().marketplace();
        ObjectNode other = ShopApi.JSON.createObjectNode().put("platform", "RAKUTEN").put("baseUrl", shopify.baseUrl());
        other.putObject("credentials").put("serviceSecret", "SP-x").put("licenseKey", "SL-x");
        api.ok(api.put(path(rakuten), other));
        try {
            List<ShopApi.Response> answers = List.of(
                    deliver(channel, "orders/create", "w-1", ShopifyOrdersContractTest.hmac("a-guessed-secret", body), body),
                    deliver(channel, "orders/create", "w-2", null, body),
                    deliver(channel, "orders/create", "w-3", genuine, (new String(body, StandardCharsets.UTF_8)
                            .replace("\"quantity\":1", "\"quantity\":9")).getBytes(StandardCharsets.UTF_8)),
                    deliver(rakuten, "orders/create", "w-4", genuine, body),
                    deliver("NO-SUCH-CHANNEL", "orders/create", "w-5", genuine, body));

            for (ShopApi.Response answer : answers) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(404);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.detail()).isEqualTo(answers.get(0).detail());
            }
            assertThat(deliveries(channel)).isZero();
            assertThat(deliveries(rakuten)).isZero();
            assertThat(ordersOnChannel()).isZero();
            assertThat(ats(item.sku())).isEqualTo(10);
        } finally {
            api.delete(path(rakuten));
        }
    }

    @Test
    void theSameDeliveryAgainRecordsNothingNewAndTheSameOrderUnderAnotherDeliveryIsStillOneOrder() throws Exception {
        Mapped item = sellable(10);
        long orderId = IDS.incrementAndGet();
        byte[] body = webhookBody(orderId, item, 1, false);
        String webhookId = UUID.randomUUID().toString();
        deliver("orders/create", webhookId, body);
        awaitProcessed(webhookId);

        ShopApi.Response again = deliver("orders/create", webhookId, body);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("received").asBoolean()).isFalse();
        assertThat(deliveries(channel)).isEqualTo(1);

        // Shopify's orders/updated for the same order (another delivery id): taken, and nothing new
        String updated = UUID.randomUUID().toString();
        assertThat(deliver("orders/updated", updated, body).json().path("received").asBoolean()).isTrue();
        awaitProcessed(updated);
        assertThat(outcome(updated)).isEqualTo("ALREADY_RECORDED");
        assertThat(ordersOnChannel()).isEqualTo(1);
        assertThat(ats(item.sku())).isEqualTo(9);
    }

    @Test
    void aBuyerCancellationWebhookReleasesTheUnits() throws Exception {
        Mapped item = sellable(4);
        long orderId = IDS.incrementAndGet();
        String created = UUID.randomUUID().toString();
        deliver("orders/create", created, webhookBody(orderId, item, 3, false));
        awaitProcessed(created);
        assertThat(ats(item.sku())).isEqualTo(1);

        String cancelled = UUID.randomUUID().toString();
        ShopApi.Response answer = deliver("orders/cancelled", cancelled, webhookBody(orderId, item, 3, true));

        assertThat(answer.status()).isEqualTo(200);
        awaitProcessed(cancelled);
        assertThat(outcome(cancelled)).isEqualTo("CANCELLED");
        assertThat(ats(item.sku())).isEqualTo(4);
        assertThat(status(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void theAnswerDoesNotWaitForProcessingAndADeliveryStoredWhileNothingProcessesIsTakenOnceJobsRunAgain() throws Exception {
        Mapped item = sellable(5);
        long orderId = IDS.incrementAndGet();
        String webhookId = UUID.randomUUID().toString();
        jobs.stop(); // nothing processes, as while this instance restarts
        try {
            ShopApi.Response answer = deliver("orders/create", webhookId, webhookBody(orderId, item, 1, false));

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().path("received").asBoolean()).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from connector_shopify_webhook where channel = ?"
                    + " and webhook_id = ? and processed_at is null", Integer.class, channel, webhookId)).isEqualTo(1);
            assertThat(ordersOnChannel()).as("stored, not yet taken").isZero();
            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = 'connector-shopify-webhook'"
                    + " and task_instance = (select id::text from connector_shopify_webhook where channel = ? and webhook_id = ?)",
                    Integer.class, channel, webhookId)).as("its job is waiting in the database").isEqualTo(1);
        } finally {
            jobs.start();
        }
        awaitProcessed(webhookId);
        assertThat(outcome(webhookId)).isEqualTo("RECORDED");
        assertThat(ats(item.sku())).isEqualTo(4);
    }

    // --- the pull ------------------------------------------------------------------------------------

    /** One node of the orders query: units of the mapped inventory item at 29,800, paid by Shopify Payments. */
    static ObjectNode graphqlOrder(long orderId, Mapped item, int units, String cancelledAt) {
        ObjectNode page = (ObjectNode) ShopApi.JSON.readTree(ShopifyConnectorTest.recorded("orders-page-1.json"));
        ObjectNode o = (ObjectNode) page.path("data").path("orders").path("nodes").get(0);
        o.put("id", "gid://shopify/Order/" + orderId).put("email", "buyer-" + orderId + "@example.jp");
        if (cancelledAt != null) o.put("cancelledAt", cancelledAt);
        ((ObjectNode) o.path("totalPriceSet").path("shopMoney")).put("amount", 29800L * units + ".0");
        ObjectNode line = (ObjectNode) o.path("lineItems").path("nodes").get(0);
        line.put("id", "gid://shopify/LineItem/" + orderId * 10).put("quantity", units).put("sku", "NOT-A-ZAIKO-SKU");
        ((ObjectNode) line.path("variant")).put("id", "gid://shopify/ProductVariant/" + item.variant());
        ((ObjectNode) line.path("variant").path("inventoryItem")).put("id", "gid://shopify/InventoryItem/" + item.inventoryItem());
        return o;
    }

    static String page(List<ObjectNode> orders, boolean more, String endCursor) {
        ObjectNode answer = ShopApi.JSON.createObjectNode();
        ObjectNode connection = answer.putObject("data").putObject("orders");
        ArrayNode nodes = connection.putArray("nodes");
        orders.forEach(nodes::add);
        connection.putObject("pageInfo").put("hasNextPage", more).put("endCursor", endCursor);
        return answer.toString();
    }

    /** Shopify answers the first page with {@code first}, the page after "c1" with {@code second}. */
    void shopifyHolds(List<ObjectNode> first, List<ObjectNode> second) {
        shopify.stubFor(post(urlPathEqualTo(ShopifyOrdersContractTest.GRAPHQL))
                .withHeader("X-Shopify-Access-Token", equalTo("shpat_in"))
                .withRequestBody(matchingJsonPath("$.query", containing(ShopifyOrdersContractTest.ORDERS)))
                .withRequestBody(notContaining("\"after\":\""))
                .willReturn(okJson(page(first, true, "c1"))));
        shopify.stubFor(post(urlPathEqualTo(ShopifyOrdersContractTest.GRAPHQL))
                .withHeader("X-Shopify-Access-Token", equalTo("shpat_in"))
                .withRequestBody(matchingJsonPath("$.query", containing(ShopifyOrdersContractTest.ORDERS)))
                .withRequestBody(matchingJsonPath("$.variables.after", equalTo("c1")))
                .willReturn(okJson(page(second, false, "c2"))));
    }

    @Test
    void aPullRecordsEveryShopifyOrderOnceASecondPullRecordsNothingAndACancellationFoundByThePullReleasesTheUnits() {
        Mapped item = sellable(10);
        long a = IDS.incrementAndGet();
        long b = IDS.incrementAndGet();
        shopifyHolds(List.of(graphqlOrder(a, item, 1, null)), List.of(graphqlOrder(b, item, 2, null)));

        JsonNode first = api.ok(api.post(path(channel) + "/orders/pull"));

        assertThat(first.path("recorded").intValue()).as(first.toString()).isEqualTo(2);
        assertThat(first.path("pages").intValue()).isEqualTo(2);
        assertThat(first.path("error").isNull()).isTrue();
        assertThat(ats(item.sku())).isEqualTo(7);

        JsonNode second = api.ok(api.post(path(channel) + "/orders/pull"));

        assertThat(second.path("recorded").intValue()).isZero();
        assertThat(second.path("alreadyRecorded").intValue()).isEqualTo(2);
        assertThat(ordersOnChannel()).isEqualTo(2);

        shopifyHolds(List.of(graphqlOrder(b, item, 2, "2026-05-01T01:19:59Z")), List.of());
        JsonNode third = api.ok(api.post(path(channel) + "/orders/pull"));

        assertThat(third.path("cancelled").intValue()).as(third.toString()).isEqualTo(1);
        assertThat(ats(item.sku())).isEqualTo(9);
        assertThat(status(b)).isEqualTo("CANCELLED");
    }
}
