package dev.zaiko.connector.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformClient.CancellationOutcome;
import dev.zaiko.connector.PlatformClient.CancellationRequest;
import dev.zaiko.connector.PlatformClient.QuantityUpdate;
import dev.zaiko.connector.PlatformConnector.FieldProblem;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;
import dev.zaiko.support.MovableClock;

/**
 * The Shopify adapter against a WireMock Shopify that only answers requests of the documented
 * shape (Admin GraphQL 2026-10: path, access-token header, JSON body paths); anything else gets
 * WireMock's 404 and the test fails.
 */
class ShopifyConnectorTest {

    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";
    static final String TOKEN = "shpat_static_secret_0123456789";
    static final String LOCATION = "gid://shopify/Location/77";

    final WireMockServer shopify = new WireMockServer(options().dynamicPort());
    final MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
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
        clock.reset();
    }

    ConnectorAccount account(Map<String, String> credentials) {
        Map<String, String> settings = Map.of("shopDomain", "zaiko-test.myshopify.com", "locationId", LOCATION);
        ConnectorAccount.ItemMapping mapping = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
                if (sku.startsWith("UNMAPPED")) return Optional.empty();
                return Optional.of(Map.of("inventoryItemId", "gid://shopify/InventoryItem/" + sku.replaceAll("\\D", "")));
            }

            @Override
            public Optional<String> sku(String name, String value) {
                return Optional.of("SKU-" + value.replaceAll("\\D", ""));
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
        return new ConnectorAccount("SHOPIFY-MAIN", Platform.SHOPIFY, false, "http://127.0.0.1:" + shopify.port(),
                settings, credentials, mapping, store);
    }

    PlatformClient staticClient() {
        return connector.client(account(Map.of("accessToken", TOKEN)), http);
    }

    static String recorded(String name) {
        try (InputStream in = ShopifyConnectorTest.class.getResourceAsStream("/connector/shopify/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GraphQL call as the documentation has it: POST, JSON, the access token, the query naming {@code operation}. */
    static MappingBuilder graphql(String token, String operation) {
        return post(urlPathEqualTo(GRAPHQL))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("X-Shopify-Access-Token", equalTo(token))
                .withRequestBody(matchingJsonPath("$.query", containing(operation)));
    }

    static List<QuantityUpdate> updates(int mapped, int unmapped) {
        List<QuantityUpdate> updates = new ArrayList<>();
        for (int i = 1; i <= mapped; i++) updates.add(new QuantityUpdate("SKU-" + (1000 + i), i % 7));
        for (int i = 1; i <= unmapped; i++) updates.add(new QuantityUpdate("UNMAPPED-" + i, 3));
        return updates;
    }

    @Test
    void a_full_batch_of_250_goes_in_one_inventorySetQuantities_with_available_correction_an_idempotency_key_and_no_compare() throws Exception {
        shopify.stubFor(graphql(TOKEN, "inventorySetQuantities(input: $input) @idempotent(key: \"")
                .withRequestBody(matchingJsonPath("$.variables.input.name", equalTo("available")))
                .withRequestBody(matchingJsonPath("$.variables.input.reason", equalTo("correction")))
                .withRequestBody(matchingJsonPath("$.variables.input.quantities.length()", equalTo("249")))
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[0].inventoryItemId",
                        equalTo("gid://shopify/InventoryItem/1001")))
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[0].locationId", equalTo(LOCATION)))
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[0].quantity", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[?(@.changeFromQuantity == null)].quantity"))
                .willReturn(okJson(recorded("inventorySetQuantities-answer.json"))));

        PlatformClient.PushOutcome outcome = staticClient().setQuantities(updates(249, 1));

        assertThat(outcome.accepted()).hasSize(249).contains("SKU-1001", "SKU-1249");
        assertThat(outcome.rejected()).containsOnlyKeys("UNMAPPED-1");
        assertThat(outcome.reference()).isEqualTo("gid://shopify/InventoryAdjustmentGroup/800800");
        shopify.verify(1, postRequestedFor(urlPathEqualTo(GRAPHQL)));
        assertThat(connector.limits().maxBatch()).isEqualTo(250);
    }

    @Test
    void more_than_the_documented_250_input_items_are_refused_before_anything_is_sent() {
        assertThatThrownBy(() -> staticClient().setQuantities(updates(251, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        shopify.verify(0, postRequestedFor(urlPathEqualTo(GRAPHQL)));
    }

    @Test
    void every_push_takes_a_fresh_idempotency_key_so_that_setting_5_again_after_3_is_not_swallowed() throws Exception {
        shopify.stubFor(graphql(TOKEN, "inventorySetQuantities").willReturn(okJson(recorded("inventorySetQuantities-answer.json"))));
        PlatformClient client = staticClient();
        client.setQuantities(List.of(new QuantityUpdate("SKU-1001", 5)));
        client.setQuantities(List.of(new QuantityUpdate("SKU-1001", 5)));

        List<String> queries = shopify.findAll(postRequestedFor(urlPathEqualTo(GRAPHQL))).stream()
                .map(r -> r.getBodyAsString().replaceAll(".*@idempotent\\(key: \\\\\"([0-9a-f-]+)\\\\\".*", "$1")).toList();
        assertThat(queries).hasSize(2).doesNotHaveDuplicates();
        assertThat(queries.get(0)).matches("[0-9a-f-]{36}");
    }

    @Test
    void an_item_shopify_does_not_know_is_reported_rejected_and_the_others_are_sent_again_and_accepted() throws Exception {
        shopify.stubFor(graphql(TOKEN, "inventorySetQuantities").inScenario("refused").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.variables.input.quantities.length()", equalTo("3")))
                .willReturn(okJson(recorded("inventorySetQuantities-userErrors.json"))).willSetStateTo("again"));
        shopify.stubFor(graphql(TOKEN, "inventorySetQuantities").inScenario("refused").whenScenarioStateIs("again")
                .withRequestBody(matchingJsonPath("$.variables.input.quantities.length()", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.variables.input.quantities[1].inventoryItemId",
                        equalTo("gid://shopify/InventoryItem/1003")))
                .willReturn(okJson(recorded("inventorySetQuantities-answer.json"))));

        PlatformClient.PushOutcome outcome = staticClient().setQuantities(updates(3, 0));

        assertThat(outcome.accepted()).containsExactly("SKU-1001", "SKU-1003");
        assertThat(outcome.rejected()).containsOnlyKeys("SKU-1002");
        assertThat(outcome.rejected().get("SKU-1002")).contains("could not be found").contains("INVALID_INVENTORY_ITEM");
    }

    @Test
    void a_throttled_answer_waits_for_the_missing_points_at_the_restore_rate() {
        shopify.stubFor(graphql(TOKEN, "inventorySetQuantities").willReturn(okJson(recorded("throttled.json"))));

        assertThatThrownBy(() -> staticClient().setQuantities(updates(1, 0)))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        // (752 requested − 666 available) / 100 points per second
                        t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofMillis(860)));
    }

    @Test
    void an_http_429_waits_as_long_as_its_retry_after_says() {
        shopify.stubFor(graphql(TOKEN, "inventorySetQuantities")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2.0")));

        assertThatThrownBy(() -> staticClient().setQuantities(updates(1, 0)))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void a_refused_static_token_is_unauthorized_and_the_message_does_not_hold_it() {
        shopify.stubFor(post(urlPathEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));

        assertThatThrownBy(() -> staticClient().setQuantities(updates(1, 0)))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .message().doesNotContain(TOKEN);
        shopify.verify(1, postRequestedFor(urlPathEqualTo(GRAPHQL)));
    }

    static MappingBuilder tokenGrant() {
        return post(urlPathEqualTo("/admin/oauth/access_token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=app-client-id"))
                .withRequestBody(containing("client_secret=app-secret-ABCDEF"));
    }

    PlatformClient grantClient() {
        return connector.client(account(Map.of("clientId", "app-client-id", "clientSecret", "app-secret-ABCDEF")), http);
    }

    @Test
    void with_client_credentials_a_token_is_obtained_kept_and_renewed_shortly_before_it_expires() throws Exception {
        shopify.stubFor(tokenGrant().willReturn(okJson(recorded("access-token-answer.json"))));
        shopify.stubFor(graphql("shpat_from_client_credentials_1", "shop { name }")
                .willReturn(okJson("{\"data\":{\"shop\":{\"name\":\"Zaiko Test\"}}}")));

        assertThat(grantClient().testConnection().ok()).isTrue();
        assertThat(grantClient().testConnection().message()).contains("Zaiko Test");
        shopify.verify(1, postRequestedFor(urlPathEqualTo("/admin/oauth/access_token")));

        clock.advance(Duration.ofSeconds(86_399).minus(ShopifyClient.RENEW_BEFORE).plusSeconds(1));
        assertThat(grantClient().testConnection().ok()).isTrue();
        shopify.verify(2, postRequestedFor(urlPathEqualTo("/admin/oauth/access_token")));
        assertThat(tokens).containsEntry("accessToken", "shpat_from_client_credentials_1");
    }

    @Test
    void with_client_credentials_a_401_renews_the_token_once_and_repeats_the_call() throws Exception {
        tokens.put("accessToken", "shpat_revoked");
        tokens.put("accessTokenExpiresAt", clock.instant().plus(Duration.ofHours(20)).toString());
        shopify.stubFor(graphql("shpat_revoked", "shop { name }").willReturn(aResponse().withStatus(401)));
        shopify.stubFor(tokenGrant().willReturn(okJson(recorded("access-token-answer.json"))));
        shopify.stubFor(graphql("shpat_from_client_credentials_1", "shop { name }")
                .willReturn(okJson("{\"data\":{\"shop\":{\"name\":\"Zaiko Test\"}}}")));

        assertThat(grantClient().testConnection().ok()).isTrue();
        shopify.verify(2, postRequestedFor(urlPathEqualTo(GRAPHQL)));
    }

    @Test
    void a_refused_client_credentials_grant_is_unauthorized_without_the_secret_in_the_message() {
        shopify.stubFor(tokenGrant().willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));

        assertThatThrownBy(() -> grantClient().setQuantities(updates(1, 0)))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .message().doesNotContain("app-secret-ABCDEF").doesNotContain("app-client-id");
        shopify.verify(0, postRequestedFor(urlPathEqualTo(GRAPHQL)));
    }

    @Test
    void read_back_gives_the_available_quantity_at_the_location_and_leaves_out_items_not_stocked_there() throws Exception {
        shopify.stubFor(graphql(TOKEN, "quantities(names: [\"available\"])")
                .withRequestBody(matchingJsonPath("$.query", containing("inventoryLevel(locationId: $location)")))
                .withRequestBody(matchingJsonPath("$.variables.location", equalTo(LOCATION)))
                .withRequestBody(matchingJsonPath("$.variables.ids.length()", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.variables.ids[0]", equalTo("gid://shopify/InventoryItem/1001")))
                .willReturn(okJson(recorded("nodes-available-answer.json"))));

        Optional<Map<String, Integer>> shown = staticClient().readQuantities(List.of("SKU-1001", "SKU-1002", "SKU-1003", "UNMAPPED-1"));

        assertThat(shown).contains(Map.of("SKU-1001", 5));
    }

    static final String ORDER = "gid://shopify/Order/5550001";

    @Test
    void a_stock_out_cancels_the_order_with_reason_inventory_no_restock_a_refund_and_is_pending_on_its_job() throws Exception {
        shopify.stubFor(graphql(TOKEN, "order(id: $id)").withRequestBody(matchingJsonPath("$.variables.id", equalTo(ORDER)))
                .willReturn(okJson("{\"data\":{\"order\":{\"id\":\"" + ORDER
                        + "\",\"cancelledAt\":null,\"currentSubtotalLineItemsQuantity\":2}}}")));
        shopify.stubFor(graphql(TOKEN, "orderCancel(orderId: $orderId, reason: INVENTORY,")
                .withRequestBody(matchingJsonPath("$.query", containing("refundMethod: {originalPaymentMethodsRefund: true}")))
                .withRequestBody(matchingJsonPath("$.query", containing("restock: false")))
                .withRequestBody(matchingJsonPath("$.query", containing("notifyCustomer: false")))
                .withRequestBody(matchingJsonPath("$.variables.orderId", equalTo(ORDER)))
                .willReturn(okJson(recorded("orderCancel-answer.json"))));

        CancellationRequest request = new CancellationRequest(ORDER, null, "SKU-1001", 2, "cancel-1");
        CancellationOutcome outcome = staticClient().cancelForStockout(request);

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.PENDING);
        assertThat(outcome.reference()).isEqualTo("gid://shopify/Job/4b2c0f6e-0d4a-4d5e-9a7b-6f1f0c2a9e11");
    }

    @Test
    void a_pending_cancellation_is_confirmed_once_its_job_is_done_and_the_order_shows_cancelled() throws Exception {
        String job = "gid://shopify/Job/4b2c0f6e-0d4a-4d5e-9a7b-6f1f0c2a9e11";
        shopify.stubFor(graphql(TOKEN, "job(id: $id)").withRequestBody(matchingJsonPath("$.variables.id", equalTo(job)))
                .willReturn(okJson("{\"data\":{\"job\":{\"id\":\"" + job + "\",\"done\":true}}}")));
        shopify.stubFor(graphql(TOKEN, "order(id: $id)").withRequestBody(matchingJsonPath("$.variables.id", equalTo(ORDER)))
                .willReturn(okJson("{\"data\":{\"order\":{\"id\":\"" + ORDER + "\",\"cancelledAt\":\"2026-12-07T05:00:00Z\"}}}")));

        CancellationOutcome outcome = staticClient()
                .followCancellation(new CancellationRequest(ORDER, null, "SKU-1001", 2, "cancel-1"), job);

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.CONFIRMED);
    }

    @Test
    void an_order_holding_other_units_is_not_cancelled_and_needs_a_person() throws Exception {
        shopify.stubFor(graphql(TOKEN, "order(id: $id)")
                .willReturn(okJson("{\"data\":{\"order\":{\"id\":\"" + ORDER
                        + "\",\"cancelledAt\":null,\"currentSubtotalLineItemsQuantity\":3}}}")));

        CancellationOutcome outcome = staticClient()
                .cancelForStockout(new CancellationRequest(ORDER, null, "SKU-1001", 1, "cancel-2"));

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("whole orders");
        shopify.verify(0, postRequestedFor(urlPathEqualTo(GRAPHQL)).withRequestBody(containing("orderCancel")));
    }

    @Test
    void shopify_refusing_the_cancellation_is_reported_with_its_words() throws Exception {
        shopify.stubFor(graphql(TOKEN, "order(id: $id)")
                .willReturn(okJson("{\"data\":{\"order\":{\"id\":\"" + ORDER
                        + "\",\"cancelledAt\":null,\"currentSubtotalLineItemsQuantity\":1}}}")));
        shopify.stubFor(graphql(TOKEN, "orderCancel").willReturn(okJson("{\"data\":{\"orderCancel\":{\"job\":null,"
                + "\"orderCancelUserErrors\":[{\"code\":\"INVALID\",\"field\":[\"orderId\"],"
                + "\"message\":\"Cannot cancel an order with active returns\"}]}}}")));

        CancellationOutcome outcome = staticClient()
                .cancelForStockout(new CancellationRequest(ORDER, null, "SKU-1001", 1, "cancel-3"));

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("active returns");
    }

    @Test
    void the_connection_test_names_the_shop_or_says_what_failed() {
        shopify.stubFor(graphql(TOKEN, "shop { name }").willReturn(okJson("{\"data\":{\"shop\":{\"name\":\"Zaiko Test\"}}}")));
        assertThat(staticClient().testConnection()).isEqualTo(
                new PlatformClient.ConnectionCheck(true, "Connected to the Shopify shop Zaiko Test"));

        PlatformClient.ConnectionCheck refused = connector.client(account(Map.of("accessToken", "wrong-token")), http).testConnection();
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).doesNotContain("wrong-token");
    }

    @Test
    void validation_names_each_missing_or_malformed_field() {
        Map<String, String> settings = new HashMap<>(Map.of("shopDomain", "https://example.com", "locationId", "77"));
        ConnectorAccount bad = new ConnectorAccount("SHOPIFY-MAIN", Platform.SHOPIFY, false, null, settings,
                Map.of("clientId", "only-the-id"), null, null);
        assertThat(connector.validate(bad)).extracting(FieldProblem::field)
                .containsExactly("settings.shopDomain", "settings.locationId", "credentials.clientSecret");

        ConnectorAccount empty = new ConnectorAccount("SHOPIFY-MAIN", Platform.SHOPIFY, false, null, Map.of(), Map.of(), null, null);
        assertThat(connector.validate(empty)).extracting(FieldProblem::field)
                .containsExactly("settings.shopDomain", "settings.locationId", "credentials.accessToken");

        assertThat(connector.validate(account(Map.of("accessToken", TOKEN)))).isEmpty();
    }
}
