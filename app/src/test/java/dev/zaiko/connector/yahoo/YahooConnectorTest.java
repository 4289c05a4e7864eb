package dev.zaiko.connector.yahoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import dev.zaiko.connector.PlatformClient.CancellationRequest;
import dev.zaiko.connector.PlatformClient.QuantityUpdate;
import dev.zaiko.connector.PlatformConnector.FieldProblem;
import dev.zaiko.platform.outbound.HostResolver;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;
import dev.zaiko.support.MovableClock;

/**
 * Yahoo!ショッピング contract: the stubs accept only the documented token grant (Basic client
 * authentication, refresh_token form) and store-API calls (Bearer token, form or XML fields), so a
 * wrong request meets WireMock's 404 and fails the test.
 */
class YahooConnectorTest {

    static final String CLIENT_ID = "dj00aiZpPUNsaWVudElk";
    static final String CLIENT_SECRET = "clientSecretValue42";
    static final String REFRESH = "RT-original-refresh-token";
    static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    static final String FIRST = "AT-first-access-token";

    final WireMockServer yahoo = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final OutboundHttp outbound = new OutboundHttp(
            new OutboundTargets(new OutboundProperties(false, List.of("127.0.0.0/8")), HostResolver.SYSTEM));
    final ConnectorHttp http = new ConnectorHttp(outbound, Duration.ofSeconds(2), Duration.ofSeconds(5));
    final MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
    final YahooConnector connector = new YahooConnector(clock);
    final Map<String, Map<String, String>> mapping = new HashMap<>();
    final Map<String, String> stored = new ConcurrentHashMap<>();
    final Map<String, String> settings = new HashMap<>(Map.of("sellerId", "zaikostore"));

    @BeforeEach
    void start() {
        yahoo.start();
        mapping.put("TSHIRT-M", Map.of("itemCode", "tshirt", "subCode", "m-red"));
        mapping.put("TSHIRT-L", Map.of("itemCode", "tshirt", "subCode", "l-red"));
        mapping.put("CAP", Map.of("itemCode", "cap-01"));
    }

    @AfterEach
    void stop() throws Exception {
        yahoo.stop();
        outbound.close();
    }

    ConnectorAccount account(Map<String, String> credentials, String baseUrl) {
        ConnectorAccount.ItemMapping items = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
                return Optional.ofNullable(mapping.get(sku));
            }

            @Override
            public Optional<String> sku(String name, String value) {
                return Optional.empty();
            }
        };
        ConnectorAccount.TokenStore tokens = new ConnectorAccount.TokenStore() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(stored.get(name));
            }

            @Override
            public void put(String name, String value) {
                stored.put(name, value);
            }
        };
        return new ConnectorAccount("YAHOO", Platform.YAHOO, true, baseUrl, settings, credentials, items, tokens);
    }

    PlatformClient client() {
        ConnectorAccount account = account(
                Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "refreshToken", REFRESH), yahoo.baseUrl());
        assertThat(connector.validate(account)).isEmpty();
        return connector.client(account, http);
    }

    MappingBuilder tokenGrant(String refreshToken) {
        return post(urlEqualTo("/yconnect/v2/token"))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(refreshToken));
    }

    MappingBuilder storeApi(String path, String token) {
        return post(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + token));
    }

    void tokenAnswers(String body) {
        yahoo.stubFor(tokenGrant(REFRESH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    static String resource(String name) {
        try (InputStream in = YahooConnectorTest.class.getResourceAsStream("/connector/yahoo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody(resource(file));
    }

    @Test
    void quantities_are_set_with_a_token_from_the_refresh_grant_as_absolute_comma_lists() throws Exception {
        tokenAnswers(resource("token-response.json"));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/setStock", FIRST)
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("seller_id", equalTo("zaikostore"))
                .withFormParam("item_code", equalTo("tshirt:m-red,tshirt:l-red,cap-01"))
                .withFormParam("quantity", equalTo("70,0,5"))
                .willReturn(xml(200, "set-stock-response.xml")));
        PlatformClient client = client();

        var outcome = client.setQuantities(List.of(new QuantityUpdate("TSHIRT-M", 70), new QuantityUpdate("TSHIRT-L", -2),
                new QuantityUpdate("CAP", 5), new QuantityUpdate("NOT-ON-YAHOO", 1)));
        client.setQuantities(List.of(new QuantityUpdate("TSHIRT-M", 70), new QuantityUpdate("TSHIRT-L", 0),
                new QuantityUpdate("CAP", 5)));

        assertThat(outcome.accepted()).containsExactly("TSHIRT-M", "TSHIRT-L", "CAP");
        assertThat(outcome.rejected()).containsOnlyKeys("NOT-ON-YAHOO");
        yahoo.verify(1, postRequestedFor(urlEqualTo("/yconnect/v2/token")));
        yahoo.verify(2, postRequestedFor(urlEqualTo("/ShoppingWebService/V1/setStock")));
    }

    @Test
    void the_token_is_renewed_before_its_hour_ends_and_a_rotated_refresh_token_is_kept() throws Exception {
        yahoo.stubFor(tokenGrant(REFRESH).inScenario("token").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("token-response.json"))).willSetStateTo("second"));
        yahoo.stubFor(tokenGrant(REFRESH).inScenario("token").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"AT-2\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                                + "\"refresh_token\":\"RT-rotated\"}")));
        yahoo.stubFor(tokenGrant("RT-rotated").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"AT-3\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        for (String token : List.of(FIRST, "AT-2", "AT-3")) {
            yahoo.stubFor(storeApi("/ShoppingWebService/V1/setStock", token).willReturn(xml(200, "set-stock-response.xml")));
        }
        PlatformClient client = client();
        List<QuantityUpdate> one = List.of(new QuantityUpdate("CAP", 3));

        client.setQuantities(one);
        clock.advance(Duration.ofMinutes(54));
        client.setQuantities(one); // still the first token
        yahoo.verify(1, postRequestedFor(urlEqualTo("/yconnect/v2/token")));
        clock.advance(Duration.ofMinutes(2)); // 4 minutes left: renewed early
        client.setQuantities(one);
        assertThat(stored).containsEntry("refreshToken", "RT-rotated");
        clock.advance(Duration.ofMinutes(56));
        client.setQuantities(one);

        yahoo.verify(1, postRequestedFor(urlEqualTo("/ShoppingWebService/V1/setStock"))
                .withHeader("Authorization", equalTo("Bearer AT-3")));
        yahoo.verify(1, postRequestedFor(urlEqualTo("/yconnect/v2/token"))
                .withRequestBody(containing("refresh_token=RT-rotated")));
    }

    @Test
    void an_expired_token_is_renewed_once_on_401_and_a_second_401_is_unauthorized() throws Exception {
        yahoo.stubFor(tokenGrant(REFRESH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(resource("token-response.json"))));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/setStock", FIRST).inScenario("expiry").whenScenarioStateIs(STARTED)
                .willReturn(xml(401, "expired-token.xml").withHeader("WWW-Authenticate",
                        "Bearer realm=\"yahooapis.jp\", error=\"invalid_token\", error_description=\"expired token\""))
                .willSetStateTo("renewed"));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/setStock", FIRST).inScenario("expiry").whenScenarioStateIs("renewed")
                .willReturn(xml(200, "set-stock-response.xml")));
        PlatformClient client = client();

        assertThat(client.setQuantities(List.of(new QuantityUpdate("CAP", 1))).accepted()).containsExactly("CAP");
        yahoo.verify(2, postRequestedFor(urlEqualTo("/yconnect/v2/token")));

        yahoo.resetAll();
        yahoo.stubFor(tokenGrant(REFRESH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(resource("token-response.json"))));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/setStock", FIRST).willReturn(xml(401, "expired-token.xml")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        assertThatThrownBy(() -> client.setQuantities(List.of(new QuantityUpdate("CAP", 1))))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("invalid_token").doesNotContain(FIRST)
                        .doesNotContain(CLIENT_SECRET).doesNotContain(REFRESH));
        yahoo.verify(2, postRequestedFor(urlEqualTo("/ShoppingWebService/V1/setStock")));
    }

    @Test
    void a_refused_refresh_is_unauthorized_without_naming_any_secret() {
        yahoo.stubFor(tokenGrant(REFRESH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(resource("token-refused.json"))));

        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("CAP", 1))))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("invalid_grant")
                        .doesNotContain(REFRESH).doesNotContain(CLIENT_SECRET).doesNotContain(BASIC.substring(6)));
        var check = client().testConnection();
        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("invalid_grant").doesNotContain(REFRESH).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void too_many_requests_is_throttled_with_the_wait_yahoo_names() {
        tokenAnswers(resource("token-response.json"));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/setStock", FIRST)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("CAP", 1))))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void a_request_yahoo_finds_malformed_fails_with_its_error_code() {
        tokenAnswers(resource("token-response.json"));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/setStock", FIRST).willReturn(xml(400, "invalid-params.xml")));

        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("CAP", 1))))
                .isInstanceOf(ConnectorException.Failed.class).hasMessageContaining("st-02101");
    }

    @Test
    void a_full_batch_of_1000_goes_in_one_request_and_a_code_that_would_break_the_list_is_rejected() throws Exception {
        tokenAnswers(resource("token-response.json"));
        List<QuantityUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            mapping.put("SKU-" + i, Map.of("itemCode", "item-" + i));
            updates.add(new QuantityUpdate("SKU-" + i, i));
        }
        mapping.put("BAD", Map.of("itemCode", "a,b"));
        updates.add(new QuantityUpdate("BAD", 1));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/setStock", FIRST)
                .withFormParam("item_code", containing("item-0,item-1,"))
                .withFormParam("quantity", containing(",997,998"))
                .willReturn(xml(200, "set-stock-response.xml")));

        var outcome = client().setQuantities(updates);

        assertThat(outcome.accepted()).hasSize(999);
        assertThat(outcome.rejected()).containsOnlyKeys("BAD");
        yahoo.verify(1, postRequestedFor(urlEqualTo("/ShoppingWebService/V1/setStock")));
        updates.add(new QuantityUpdate("ONE-TOO-MANY", 1));
        assertThatThrownBy(() -> client().setQuantities(updates)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantities_are_read_back_with_get_stock_and_an_unknown_code_is_left_out() throws Exception {
        tokenAnswers(resource("token-response.json"));
        mapping.put("DISCONTINUED", Map.of("itemCode", "gone"));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/getStock", FIRST)
                .withFormParam("seller_id", equalTo("zaikostore"))
                .withFormParam("item_code", equalTo("tshirt:m-red,cap-01,gone"))
                .willReturn(xml(200, "get-stock-response.xml")));

        var shown = client().readQuantities(List.of("TSHIRT-M", "CAP", "DISCONTINUED", "NOT-MAPPED"));

        assertThat(shown).contains(Map.of("TSHIRT-M", 5, "CAP", 12));
    }

    @Test
    void a_stockout_cancellation_sets_order_status_4_with_the_stores_reason_and_ok_confirms_it() throws Exception {
        settings.put("stockoutCancelReason", "210");
        tokenAnswers(resource("token-response.json"));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/orderStatusChange", FIRST)
                .withHeader("Content-Type", containing("application/xml"))
                .withRequestBody(equalToXml(resource("order-status-change-request.xml")))
                .willReturn(xml(200, "order-status-change-response.xml")));

        var outcome = client().cancelForStockout(
                new CancellationRequest("zaikostore-10000001", null, "CAP", 1, "cancel-1"));

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.CONFIRMED);
    }

    @Test
    void a_cancellation_yahoo_refuses_comes_back_refused_with_its_code() throws Exception {
        tokenAnswers(resource("token-response.json"));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/orderStatusChange", FIRST)
                .withRequestBody(matchingXPath("/Req/Order/OrderStatus/text()", equalTo("4")))
                .withRequestBody(matchingXPath("/Req/Target/OrderId/text()", equalTo("zaikostore-10000002")))
                .willReturn(xml(400, "order-status-change-refused.xml")));

        var outcome = client().cancelForStockout(
                new CancellationRequest("zaikostore-10000002", null, "CAP", 1, "cancel-2"));

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("od90150");
    }

    @Test
    void the_connection_test_is_one_authenticated_get_stock() {
        tokenAnswers(resource("token-response.json"));
        yahoo.stubFor(storeApi("/ShoppingWebService/V1/getStock", FIRST)
                .withFormParam("seller_id", equalTo("zaikostore"))
                .willReturn(xml(200, "get-stock-response.xml")));

        var check = client().testConnection();

        assertThat(check.ok()).as(check.message()).isTrue();
    }

    @Test
    void validation_names_the_missing_store_account_and_ids_and_the_hosts_follow_the_sandbox_switch() {
        settings.clear();
        List<FieldProblem> problems = connector.validate(account(Map.of("clientId", CLIENT_ID), null));

        assertThat(problems).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                "settings.sellerId", "credentials.clientSecret", "credentials.refreshToken");
        settings.put("sellerId", "Zaiko Store");
        assertThat(connector.validate(account(Map.of("clientId", "c", "clientSecret", "s", "refreshToken", "r"), null)))
                .extracting(FieldProblem::field).containsExactly("settings.sellerId");
        assertThat(YahooConnector.SANDBOX).isEqualTo("https://test.circus.shopping.yahooapis.jp");
        assertThat(connector.limits()).isEqualTo(new dev.zaiko.connector.PlatformConnector.Limits(0.5, 1, 1000));
    }
}
