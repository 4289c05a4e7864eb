package dev.zaiko.connector.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformOrder;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;
import dev.zaiko.support.StoppedClock;

/**
 * Shopify orders in, the adapter's side: the {@code orders} query against a WireMock Shopify that
 * answers only the documented shape (Admin GraphQL 2026-10: path, access token, the query with
 * {@code updated_at}, {@code sortKey: UPDATED_AT} and {@code pageInfo}), and the webhook body and
 * signature as Shopify's documentation has them (recorded examples in
 * {@code resources/connector/shopify}, README.md).
 */
class ShopifyOrdersContractTest {

    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";
    static final String TOKEN = "shpat_orders_secret_0123456789";
    static final String ORDERS = "orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT)";

    final WireMockServer shopify = new WireMockServer(options().dynamicPort());
    /** 2026-05-01 11:00 in Tokyo: a little after the recorded orders. */
    final StoppedClock clock = new StoppedClock(Instant.parse("2026-05-01T02:00:00Z"), ZoneId.of("Asia/Tokyo"));
    final ShopifyConnector connector = new ShopifyConnector(clock);
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    OutboundHttp outbound;
    ConnectorHttp http;

    @BeforeEach
    void start() {
        shopify.start();
        outbound = new OutboundHttp(new OutboundTargets(new OutboundProperties(false, List.of("127.0.0.0/8")),
                InetAddress::getAllByName));
        http = new ConnectorHttp(outbound, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        shopify.stop();
        outbound.close();
    }

    ConnectorAccount account(Map<String, String> credentials) {
        ConnectorAccount.ItemMapping mapping = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
                return Optional.empty();
            }

            @Override
            public Optional<String> sku(String name, String value) {
                return Optional.empty();
            }
        };
        ConnectorAccount.TokenStore store = new ConnectorAccount.TokenStore() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(tokens.get(name));
            }

            @Override
            public void put(String name, String value) {
                tokens.put(name, value);
            }
        };
        return new ConnectorAccount("SHOPIFY-IN", Platform.SHOPIFY, false, "http://127.0.0.1:" + shopify.port(),
                Map.of("shopDomain", "zaiko-test.myshopify.com", "locationId", "gid://shopify/Location/77"),
                credentials, mapping, store);
    }

    static MappingBuilder orders(String token) {
        return post(urlPathEqualTo(GRAPHQL)).withHeader("Content-Type", equalTo("application/json"))
                .withHeader("X-Shopify-Access-Token", equalTo(token))
                .withRequestBody(matchingJsonPath("$.query", containing(ORDERS)))
                .withRequestBody(matchingJsonPath("$.query", containing("pageInfo { hasNextPage endCursor }")))
                .withRequestBody(matchingJsonPath("$.variables.first", equalTo("5")));
    }

    static String recorded(String name) {
        return ShopifyConnectorTest.recorded(name);
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Test
    void a_first_pull_asks_for_the_orders_updated_in_the_last_day_less_the_overlap_sorted_by_update_and_pages_on_with_the_end_cursor()
            throws Exception {
        shopify.stubFor(orders(TOKEN).withRequestBody(matchingJsonPath("$.variables.query",
                        equalTo("updated_at:>='2026-04-30T01:58:00Z'")))
                .withRequestBody(notContaining("\"after\":\""))
                .willReturn(okJson(recorded("orders-page-1.json"))));
        shopify.stubFor(orders(TOKEN).withRequestBody(matchingJsonPath("$.variables.query",
                        equalTo("updated_at:>='2026-04-30T01:58:00Z'")))
                .withRequestBody(matchingJsonPath("$.variables.after",
                        equalTo("eyJsYXN0X2lkIjoxMDAxLCJsYXN0X3ZhbHVlIjoiMjAyNi0wNS0wMSJ9")))
                .willReturn(okJson(recorded("orders-page-2.json"))));
        var client = connector.client(account(Map.of("accessToken", TOKEN)), http);

        PlatformOrder.Page first = client.pullOrders(null).orElseThrow();

        assertThat(first.more()).isTrue();
        assertThat(first.orders()).hasSize(1);
        PlatformOrder order = first.orders().get(0);
        assertThat(order.orderId()).isEqualTo("gid://shopify/Order/1001");
        assertThat(order.state()).isEqualTo(PlatformOrder.State.OPEN);
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-05-01T01:15:30Z"));
        assertThat(order.buyer().name()).isEqualTo("山田 花子");
        assertThat(order.buyer().email()).isEqualTo("buyer-1001@example.jp");
        assertThat(order.payment()).isEqualTo(new PlatformOrder.Payment("CREDIT_CARD", 29800, 0, 0, null));
        assertThat(order.lines()).containsExactly(new PlatformOrder.Line("gid://shopify/LineItem/10011", "SHOPIFY-SKU",
                Map.of("inventoryItemId", "gid://shopify/InventoryItem/808950810",
                        "variantId", "gid://shopify/ProductVariant/39072856"), 1, 29800));

        PlatformOrder.Page second = client.pullOrders(first.nextCursor()).orElseThrow();

        assertThat(second.more()).isFalse();
        assertThat(second.orders()).singleElement().satisfies(o -> {
            assertThat(o.orderId()).isEqualTo("gid://shopify/Order/1002");
            assertThat(o.state()).as("cancelledAt is set").isEqualTo(PlatformOrder.State.CANCELLED);
        });
        assertThat(second.nextCursor()).as("the next run starts at the latest update read")
                .isEqualTo("from=2026-05-01T01:20:00Z");
        assertThat(shopify.findAllUnmatchedRequests()).isEmpty();
        shopify.verify(2, postRequestedFor(urlPathEqualTo(GRAPHQL)));
    }

    @Test
    void a_pull_that_finds_nothing_keeps_its_starting_point_and_asks_again_with_the_overlap() throws Exception {
        shopify.stubFor(orders(TOKEN).withRequestBody(matchingJsonPath("$.variables.query",
                        equalTo("updated_at:>='2026-05-01T01:18:00Z'")))
                .willReturn(okJson("{\"data\":{\"orders\":{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}}")));

        PlatformOrder.Page page = connector.client(account(Map.of("accessToken", TOKEN)), http)
                .pullOrders("from=2026-05-01T01:20:00Z").orElseThrow();

        assertThat(page.orders()).isEmpty();
        assertThat(page.more()).isFalse();
        assertThat(page.nextCursor()).isEqualTo("from=2026-05-01T01:20:00Z");
    }

    @Test
    void a_throttled_orders_query_waits_for_the_missing_points_at_the_restore_rate() {
        shopify.stubFor(orders(TOKEN).willReturn(okJson(recorded("throttled.json"))));

        assertThatThrownBy(() -> connector.client(account(Map.of("accessToken", TOKEN)), http)
                .pullOrders("from=2026-05-01T01:20:00Z"))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(860)));
    }

    @Test
    void a_refused_token_on_the_orders_query_is_unauthorized_and_the_message_does_not_hold_it() {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));

        assertThatThrownBy(() -> connector.client(account(Map.of("accessToken", TOKEN)), http).pullOrders(null))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void a_token_that_expires_between_two_pages_is_renewed_once_and_the_run_goes_on() throws Exception {
        shopify.stubFor(post(urlPathEqualTo("/admin/oauth/access_token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"shpat_first\",\"scope\":\"read_orders\",\"expires_in\":86399}"))
                .willSetStateTo("first"));
        shopify.stubFor(post(urlPathEqualTo("/admin/oauth/access_token"))
                .inScenario("token").whenScenarioStateIs("first")
                .willReturn(okJson("{\"access_token\":\"shpat_second\",\"scope\":\"read_orders\",\"expires_in\":86399}"))
                .willSetStateTo("second"));
        shopify.stubFor(orders("shpat_first").withRequestBody(notContaining("\"after\":\""))
                .willReturn(okJson(recorded("orders-page-1.json"))));
        // Shopify revoked the first token between the pages
        shopify.stubFor(orders("shpat_first").withRequestBody(matchingJsonPath("$.variables.after", containing("eyJ")))
                .willReturn(aResponse().withStatus(401).withBody("{\"errors\":\"[API] Invalid API key or access token\"}")));
        shopify.stubFor(orders("shpat_second").willReturn(okJson(recorded("orders-page-2.json"))));
        var client = connector.client(account(Map.of("clientId", "app-id", "clientSecret", "app-secret")), http);

        PlatformOrder.Page first = client.pullOrders(null).orElseThrow();
        PlatformOrder.Page second = client.pullOrders(first.nextCursor()).orElseThrow();

        assertThat(second.orders()).extracting(PlatformOrder::orderId).containsExactly("gid://shopify/Order/1002");
        assertThat(tokens.get("accessToken")).isEqualTo("shpat_second");
        shopify.verify(2, postRequestedFor(urlPathEqualTo("/admin/oauth/access_token")));
    }

    @Test
    void an_orders_create_webhook_body_is_the_same_order_in_the_ports_words() {
        byte[] body = recorded("orders-create-webhook.json").getBytes(StandardCharsets.UTF_8);

        PlatformOrder order = ShopifyConnector.webhookOrder(body);

        assertThat(order.orderId()).isEqualTo("gid://shopify/Order/5940139491234");
        assertThat(order.state()).isEqualTo(PlatformOrder.State.OPEN);
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-05-01T01:15:30Z"));
        assertThat(order.buyer()).isEqualTo(new PlatformOrder.Buyer("山田 花子", "hanako.yamada@example.jp",
                "+81312345678", "ja"));
        assertThat(order.payment()).as("59,400 paid + 1,000 discount = 2 × 29,800 + 800 shipping")
                .isEqualTo(new PlatformOrder.Payment("CREDIT_CARD", 59400, 0, 1000, null));
        assertThat(order.shippingFee()).isEqualTo(800);
        assertThat(order.lines()).containsExactly(new PlatformOrder.Line("gid://shopify/LineItem/466157049",
                "SHOPIFY-SKU", Map.of("variantId", "gid://shopify/ProductVariant/39072856"), 2, 29800));
        assertThat(order.raw()).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void an_orders_cancelled_webhook_body_is_cancelled_by_its_cancelled_at() {
        PlatformOrder order = ShopifyConnector.webhookOrder(recorded("orders-cancelled-webhook.json")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(order.orderId()).isEqualTo("gid://shopify/Order/5940139491234");
        assertThat(order.state()).isEqualTo(PlatformOrder.State.CANCELLED);
    }

    @Test
    void a_webhook_is_shopifys_only_with_the_base64_hmac_of_its_raw_body_under_the_accounts_secret() throws Exception {
        byte[] body = recorded("orders-create-webhook.json").getBytes(StandardCharsets.UTF_8);
        ConnectorAccount app = account(Map.of("accessToken", TOKEN, "clientSecret", "app-secret"));
        ConnectorAccount admin = account(Map.of("accessToken", TOKEN, "clientSecret", "app-secret",
                "webhookSecret", "admin-webhook-key"));
        ConnectorAccount none = account(Map.of("accessToken", TOKEN));
        String signed = hmac("app-secret", body);
        byte[] changed = recorded("orders-create-webhook.json").replace("59400", "1").getBytes(StandardCharsets.UTF_8);

        assertThat(connector.signedFor(app, body, signed, "zaiko-test.myshopify.com")).isTrue();
        assertThat(connector.signedFor(app, body, signed, null)).as("no shop header: the signature decides").isTrue();
        assertThat(connector.signedFor(app, changed, signed, null)).as("a changed body").isFalse();
        assertThat(connector.signedFor(app, body, hmac("another-secret", body), null)).isFalse();
        assertThat(connector.signedFor(app, body, signed, "another-shop.myshopify.com")).isFalse();
        assertThat(connector.signedFor(app, body, "not base64 !", null)).isFalse();
        assertThat(connector.signedFor(app, body, null, null)).isFalse();
        assertThat(connector.signedFor(admin, body, hmac("admin-webhook-key", body), null))
                .as("webhookSecret, when set, is the key").isTrue();
        assertThat(connector.signedFor(admin, body, signed, null)).isFalse();
        assertThat(connector.signedFor(none, body, hmac("app-secret", body), null)).as("no secret, nothing is signed").isFalse();
    }

    @Test
    void shopify_payment_gateways_are_named_in_zaikos_words_and_anything_else_passes_through() {
        assertThat(ShopifyOrders.paymentMethod(List.of("shopify_payments"), "JPY")).isEqualTo("CREDIT_CARD");
        assertThat(ShopifyOrders.paymentMethod(List.of("gift_card", "shopify_payments"), "JPY")).isEqualTo("CREDIT_CARD");
        assertThat(ShopifyOrders.paymentMethod(List.of("gift_card"), "JPY")).isEqualTo("GIFT_BALANCE");
        assertThat(ShopifyOrders.paymentMethod(List.of("Cash on Delivery (COD)"), "JPY")).isEqualTo("COD");
        assertThat(ShopifyOrders.paymentMethod(List.of("Bank Deposit"), "JPY")).isEqualTo("BANK_TRANSFER");
        assertThat(ShopifyOrders.paymentMethod(List.of("manual"), "JPY")).isEqualTo("manual");
        assertThat(ShopifyOrders.paymentMethod(List.of("shopify_payments"), "USD"))
                .as("not yen: kept for a person").isEqualTo("shopify_payments (USD)");
        assertThat(ShopifyOrders.paymentMethod(List.of(), "JPY")).isNull();
    }
}
