package dev.zaiko.connector.smaregi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformClient.CancellationOutcome;
import dev.zaiko.connector.PlatformClient.QuantityUpdate;
import dev.zaiko.connector.PlatformConnector.FieldProblem;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;
import dev.zaiko.support.MovableClock;
import tools.jackson.databind.JsonNode;

/**
 * The Smaregi adapter against a WireMock Smaregi (id host and API on one stub) that only answers
 * requests of the documented shape; anything else gets WireMock's 404 and the test fails.
 */
class SmaregiConnectorTest {

    static final String CONTRACT = "sb_zaiko01";
    static final String TOKEN_PATH = "/app/" + CONTRACT + "/token";
    static final String BULK = "/" + CONTRACT + "/pos/stock/bulk";
    static final String STOCK = "/" + CONTRACT + "/pos/stock";
    static final String APP_TOKEN = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.app-token-1";
    static final String CLIENT_SECRET = "client-secret-XYZ987";
    static final String CALLBACK_SECRET = "callback-secret-QWE123";

    final WireMockServer smaregi = new WireMockServer(options().dynamicPort());
    final MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
    final SmaregiConnector connector = new SmaregiConnector(clock);
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    OutboundHttp outbound;
    ConnectorHttp http;

    @BeforeEach
    void start() {
        smaregi.start();
        outbound = new OutboundHttp(new OutboundTargets(new OutboundProperties(false, List.of("127.0.0.0/8")),
                InetAddress::getAllByName));
        http = new ConnectorHttp(outbound, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        smaregi.stop();
        outbound.close();
        clock.reset();
    }

    ConnectorAccount account() {
        Map<String, String> settings = Map.of("contractId", CONTRACT, "storeId", "1",
                "callbackBaseUrl", "https://zaiko.example.jp");
        Map<String, String> credentials = Map.of("clientId", "client-id-1", "clientSecret", CLIENT_SECRET,
                "callbackSecret", CALLBACK_SECRET);
        ConnectorAccount.ItemMapping mapping = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
                if (sku.startsWith("UNMAPPED")) return Optional.empty();
                return Optional.of(Map.of("productId", sku.replaceAll("\\D", "")));
            }

            @Override
            public Optional<String> sku(String name, String value) {
                return Optional.of("SKU-" + value);
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
        return new ConnectorAccount("STORE-TILL", Platform.SMAREGI, true, "http://127.0.0.1:" + smaregi.port(),
                settings, credentials, mapping, store);
    }

    PlatformClient client() {
        return connector.client(account(), http);
    }

    static String recorded(String name) {
        try (InputStream in = SmaregiConnectorTest.class.getResourceAsStream("/connector/smaregi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static MappingBuilder tokenGrant() {
        String basic = Base64.getEncoder().encodeToString(("client-id-1:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        return post(urlPathEqualTo(TOKEN_PATH))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=pos.stock%3Aread+pos.stock%3Awrite"));
    }

    static MappingBuilder bulk(String token) {
        return patch(urlPathEqualTo(BULK))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.callbackUrl", matching(
                        "https://zaiko\\.example\\.jp/api/connector/smaregi/callback/STORE-TILL\\?nonce=[0-9a-f-]{36}&signature=[0-9a-f]{64}")));
    }

    static List<QuantityUpdate> updates(int mapped, int unmapped) {
        List<QuantityUpdate> updates = new ArrayList<>();
        for (int i = 1; i <= mapped; i++) updates.add(new QuantityUpdate("SKU-" + (8000 + i), i % 5));
        for (int i = 1; i <= unmapped; i++) updates.add(new QuantityUpdate("UNMAPPED-" + i, 1));
        return updates;
    }

    @Test
    void a_full_batch_of_100_goes_in_one_bulk_stock_update_with_absolute_amounts_for_the_store_and_a_signed_callback() throws Exception {
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(bulk(APP_TOKEN)
                .withRequestBody(matchingJsonPath("$.stock.length()", equalTo("99")))
                .withRequestBody(matchingJsonPath("$.stock[0].productId", equalTo("8001")))
                .withRequestBody(matchingJsonPath("$.stock[0].storeId", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.stock[0].stockAmount", equalTo("1")))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody(recorded("stock-bulk-accepted.json"))));

        PlatformClient.PushOutcome outcome = client().setQuantities(updates(99, 1));

        assertThat(outcome.accepted()).hasSize(99).contains("SKU-8001", "SKU-8099");
        assertThat(outcome.rejected()).containsOnlyKeys("UNMAPPED-1");
        assertThat(outcome.reference()).isEqualTo("987654321");
        String callbackUrl = SmaregiClient.JSON.readTree(smaregi.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("PATCH")).findFirst().orElseThrow()
                .getRequest().getBodyAsString()).path("callbackUrl").asString();
        assertThat(callbackUrl).as("the outcome names the nonce the callback URL carries")
                .contains("?nonce=" + outcome.callbackNonce() + "&");
        assertThat(connector.limits().maxBatch()).isEqualTo(100);
        smaregi.verify(1, patchRequestedFor(urlPathEqualTo(BULK)));
    }

    @Test
    void more_than_the_documented_100_rows_are_refused_before_anything_is_sent() {
        assertThatThrownBy(() -> client().setQuantities(updates(101, 0))).isInstanceOf(IllegalArgumentException.class);
        smaregi.verify(0, patchRequestedFor(urlPathEqualTo(BULK)));
    }

    @Test
    void the_app_token_is_kept_and_renewed_shortly_before_its_hour_is_over() throws Exception {
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(bulk(APP_TOKEN).willReturn(aResponse().withStatus(202).withBody(recorded("stock-bulk-accepted.json"))));

        client().setQuantities(updates(1, 0));
        client().setQuantities(updates(1, 0));
        smaregi.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofMinutes(56));
        client().setQuantities(updates(1, 0));
        smaregi.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void a_401_renews_the_token_once_and_repeats_the_call() throws Exception {
        tokens.put("accessToken", "expired-token");
        tokens.put("accessTokenExpiresAt", clock.instant().plus(Duration.ofMinutes(50)).toString());
        tokens.put("accessTokenScope", SmaregiClient.SCOPE);
        smaregi.stubFor(bulk("expired-token").willReturn(aResponse().withStatus(401)));
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(bulk(APP_TOKEN).willReturn(aResponse().withStatus(202).withBody(recorded("stock-bulk-accepted.json"))));

        assertThat(client().setQuantities(updates(2, 0)).accepted()).hasSize(2);
        smaregi.verify(2, patchRequestedFor(urlPathEqualTo(BULK)));
    }

    @Test
    void a_refused_token_grant_is_unauthorized_and_names_no_credential() {
        smaregi.stubFor(tokenGrant().willReturn(aResponse().withStatus(401)
                .withBody("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}")));

        assertThatThrownBy(() -> client().setQuantities(updates(1, 0)))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .message().doesNotContain(CLIENT_SECRET).doesNotContain("client-id-1").doesNotContain(CALLBACK_SECRET);
        smaregi.verify(0, patchRequestedFor(urlPathEqualTo(BULK)));
    }

    @Test
    void a_429_waits_as_long_as_its_retry_after_says() {
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(bulk(APP_TOKEN).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));

        assertThatThrownBy(() -> client().setQuantities(updates(1, 0)))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void a_refused_bulk_update_fails_with_smaregis_problem_detail() {
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(bulk(APP_TOKEN).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody(recorded("stock-bulk-problem.json"))));

        assertThatThrownBy(() -> client().setQuantities(updates(1, 0)))
                .isInstanceOf(ConnectorException.Failed.class)
                .hasMessageContaining("Bad Request").hasMessageContaining("999999999");
    }

    @Test
    void read_back_pages_the_stores_stock_and_keeps_the_skus_asked_for() throws Exception {
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(get(urlPathEqualTo(STOCK)).withHeader("Authorization", equalTo("Bearer " + APP_TOKEN))
                .withQueryParam("store_id", equalTo("1")).withQueryParam("limit", equalTo("1000"))
                .withQueryParam("page", equalTo("1"))
                .willReturn(okJson(recorded("stock-list.json"))));

        Optional<Map<String, Integer>> shown = client().readQuantities(List.of("SKU-8001", "SKU-8002", "SKU-8003", "UNMAPPED-1"));

        assertThat(shown).contains(Map.of("SKU-8001", 5, "SKU-8002", 0));
        smaregi.verify(1, getRequestedFor(urlPathEqualTo(STOCK)));
    }

    @Test
    void read_back_of_one_sku_asks_for_that_product_only() throws Exception {
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(get(urlPathEqualTo(STOCK)).withQueryParam("store_id", equalTo("1"))
                .withQueryParam("product_id", equalTo("8001"))
                .willReturn(okJson("[{\"productId\":\"8001\",\"storeId\":\"1\",\"stockAmount\":\"7\"}]")));

        assertThat(client().readQuantities(List.of("SKU-8001"))).contains(Map.of("SKU-8001", 7));
    }

    @Test
    void a_stock_out_cancellation_is_refused_because_the_till_has_no_marketplace_orders() throws Exception {
        CancellationOutcome outcome = client().cancelForStockout(
                new PlatformClient.CancellationRequest("T-1", null, "SKU-8001", 1, "k"));

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("no marketplace orders");
        assertThat(smaregi.getAllServeEvents()).isEmpty();
    }

    @Test
    void the_connection_test_reads_one_stock_row_or_says_what_failed() {
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(get(urlPathEqualTo(STOCK)).withQueryParam("limit", equalTo("1"))
                .willReturn(okJson(recorded("stock-list.json"))));
        assertThat(client().testConnection().ok()).isTrue();

        smaregi.resetAll();
        smaregi.stubFor(tokenGrant().willReturn(aResponse().withStatus(400)));
        tokens.clear();
        PlatformClient.ConnectionCheck refused = client().testConnection();
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("client credentials").doesNotContain(CLIENT_SECRET);
    }

    @Test
    void the_completion_notice_is_read_only_on_the_url_zaiko_signed() throws Exception {
        smaregi.stubFor(tokenGrant().willReturn(okJson(recorded("token-answer.json"))));
        smaregi.stubFor(bulk(APP_TOKEN).willReturn(aResponse().withStatus(202).withBody(recorded("stock-bulk-accepted.json"))));
        client().setQuantities(updates(1, 0));
        JsonNode sent = SmaregiClient.JSON.readTree(smaregi.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().endsWith("/stock/bulk")).findFirst().orElseThrow()
                .getRequest().getBodyAsString());
        Map<String, String> query = queryOf(URI.create(sent.path("callbackUrl").asString()));
        byte[] notice = "[{\"requestId\":987654321}]".getBytes(StandardCharsets.UTF_8);

        assertThat(connector.readCallback(account(), query, notice)).hasValueSatisfying(results -> assertThat(results)
                .containsExactly(new SmaregiConnector.CallbackResult("987654321", true, List.of())));

        Map<String, String> forged = new HashMap<>(query);
        forged.put("signature", "0".repeat(64));
        assertThat(connector.readCallback(account(), forged, notice)).isEmpty();
        Map<String, String> otherNonce = new HashMap<>(query);
        otherNonce.put("nonce", "00000000-0000-0000-0000-000000000000");
        assertThat(connector.readCallback(account(), otherNonce, notice)).isEmpty();
    }

    @Test
    void a_completion_notice_with_an_error_is_read_as_failed_with_smaregis_words() {
        String nonce = "3f6c1d2e-0000-4000-8000-000000000001";
        Map<String, String> query = Map.of("nonce", nonce, "signature", SmaregiConnector.sign(CALLBACK_SECRET, "STORE-TILL", nonce));
        byte[] notice = "[{\"requestId\":\"42\",\"errors\":[\"商品IDが存在しません\"]}]".getBytes(StandardCharsets.UTF_8);

        assertThat(connector.readCallback(account(), query, notice)).hasValueSatisfying(results -> assertThat(results)
                .containsExactly(new SmaregiConnector.CallbackResult("42", false, List.of("商品IDが存在しません"))));
    }

    static Map<String, String> queryOf(URI url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv[1]);
        }
        return query;
    }

    @Test
    void validation_names_each_missing_or_malformed_field() {
        ConnectorAccount empty = new ConnectorAccount("STORE-TILL", Platform.SMAREGI, true, null, Map.of(), Map.of(), null, null);
        assertThat(connector.validate(empty)).extracting(FieldProblem::field).containsExactly("settings.contractId",
                "settings.storeId", "settings.callbackBaseUrl", "credentials.clientId", "credentials.clientSecret",
                "credentials.callbackSecret");

        ConnectorAccount bad = new ConnectorAccount("STORE-TILL", Platform.SMAREGI, true, null,
                Map.of("contractId", "sb/../x", "storeId", "shop-1", "callbackBaseUrl", "ftp://x"),
                Map.of("clientId", "a", "clientSecret", "b", "callbackSecret", "c"), null, null);
        assertThat(connector.validate(bad)).extracting(FieldProblem::field)
                .containsExactly("settings.contractId", "settings.storeId", "settings.callbackBaseUrl");

        assertThat(connector.validate(account())).isEmpty();
    }
}
