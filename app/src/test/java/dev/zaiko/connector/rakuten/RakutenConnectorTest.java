package dev.zaiko.connector.rakuten;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

/**
 * Rakuten RMS contract: the stubs accept only the documented method, path, ESA header, JSON
 * content type and body, so a wrong request meets WireMock's 404 and fails the test.
 */
class RakutenConnectorTest {

    static final String SECRET = "SP338531_secretValue";
    static final String LICENSE = "SL338531_licenseValue";
    static final String ESA = "ESA " + Base64.getEncoder()
            .encodeToString((SECRET + ":" + LICENSE).getBytes(StandardCharsets.UTF_8));

    final WireMockServer rms = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final OutboundHttp outbound = new OutboundHttp(
            new OutboundTargets(new OutboundProperties(false, List.of("127.0.0.0/8")), HostResolver.SYSTEM));
    final ConnectorHttp http = new ConnectorHttp(outbound, Duration.ofSeconds(2), Duration.ofSeconds(5));
    final RakutenConnector connector = new RakutenConnector();
    final Map<String, Map<String, String>> mapping = new HashMap<>();

    @BeforeEach
    void start() {
        rms.start();
        map("TSHIRT-M", "mng1234", "sku1");
        map("TSHIRT-L", "mng1234", "sku2");
        map("CAP", "MNG5678", "sku5"); // RMS lower-cases manageNumber
    }

    @AfterEach
    void stop() throws Exception {
        rms.stop();
        outbound.close();
    }

    void map(String sku, String manageNumber, String variantId) {
        mapping.put(sku, Map.of("manageNumber", manageNumber, "variantId", variantId));
    }

    ConnectorAccount account(Map<String, String> credentials, boolean sandbox, String baseUrl) {
        ConnectorAccount.ItemMapping items = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
                return Optional.ofNullable(mapping.get(sku));
            }

            @Override
            public Optional<String> sku(String name, String value) {
                return mapping.entrySet().stream().filter(e -> value.equals(e.getValue().get(name)))
                        .map(Map.Entry::getKey).findFirst();
            }
        };
        ConnectorAccount.TokenStore none = new ConnectorAccount.TokenStore() {
            @Override
            public Optional<String> get(String name) {
                return Optional.empty();
            }

            @Override
            public void put(String name, String value) {
                throw new AssertionError("RMS hands out no tokens");
            }
        };
        return new ConnectorAccount("RAKUTEN", Platform.RAKUTEN, sandbox, baseUrl, Map.of(), credentials, items, none);
    }

    PlatformClient client() {
        ConnectorAccount account = account(Map.of("serviceSecret", SECRET, "licenseKey", LICENSE), false, rms.baseUrl());
        assertThat(connector.validate(account)).isEmpty();
        return connector.client(account, http);
    }

    /** A stub that answers only the documented request shape. */
    MappingBuilder rmsPost(String path) {
        return post(urlEqualTo(path))
                .withHeader("Authorization", equalTo(ESA))
                .withHeader("Content-Type", containing("application/json"));
    }

    static String resource(String name) {
        try (InputStream in = RakutenConnectorTest.class.getResourceAsStream("/connector/rakuten/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void quantities_are_set_as_absolute_values_with_the_esa_keys_and_a_204_accepts_them_all() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert")
                .withRequestBody(equalToJson(resource("bulk-upsert-request.json")))
                .willReturn(aResponse().withStatus(204)));

        var outcome = client().setQuantities(List.of(
                new QuantityUpdate("TSHIRT-M", 70), new QuantityUpdate("TSHIRT-L", -3), new QuantityUpdate("CAP", 250_000)));

        assertThat(outcome.accepted()).containsExactly("TSHIRT-M", "TSHIRT-L", "CAP");
        assertThat(outcome.rejected()).isEmpty();
    }

    @Test
    void a_full_batch_of_400_goes_in_one_request_and_an_unmapped_sku_is_rejected_without_being_sent() throws Exception {
        List<QuantityUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 399; i++) {
            map("SKU-" + i, "mng-bulk", "v" + i);
            updates.add(new QuantityUpdate("SKU-" + i, i));
        }
        updates.add(new QuantityUpdate("NOT-ON-RAKUTEN", 4));
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert")
                .withRequestBody(matchingJsonPath("$.inventories.length()", equalTo("399")))
                .withRequestBody(matchingJsonPath("$.inventories[398]", equalToJson(
                        "{\"manageNumber\":\"mng-bulk\",\"variantId\":\"v398\",\"mode\":\"ABSOLUTE\",\"quantity\":398}")))
                .willReturn(aResponse().withStatus(204)));

        var outcome = client().setQuantities(updates);

        assertThat(outcome.accepted()).hasSize(399);
        assertThat(outcome.rejected()).containsOnlyKeys("NOT-ON-RAKUTEN");
        rms.verify(1, postRequestedFor(urlEqualTo("/es/2.0/inventories/bulk-upsert")));
        assertThat(connector.limits().maxBatch()).isEqualTo(400);
        updates.add(new QuantityUpdate("ONE-TOO-MANY", 1));
        assertThatThrownBy(() -> client().setQuantities(updates)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_item_rms_refuses_is_rejected_with_its_reason_and_the_others_are_sent_again() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert")
                .withRequestBody(matchingJsonPath("$.inventories.length()", equalTo("3")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(resource("bulk-upsert-error-400.json"))));
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert")
                .withRequestBody(equalToJson("""
                        {"inventories":[
                          {"manageNumber":"mng1234","variantId":"sku1","mode":"ABSOLUTE","quantity":5},
                          {"manageNumber":"mng5678","variantId":"sku5","mode":"ABSOLUTE","quantity":7}]}"""))
                .willReturn(aResponse().withStatus(204)));

        var outcome = client().setQuantities(List.of(
                new QuantityUpdate("TSHIRT-M", 5), new QuantityUpdate("TSHIRT-L", 6), new QuantityUpdate("CAP", 7)));

        assertThat(outcome.accepted()).containsExactly("TSHIRT-M", "CAP");
        assertThat(outcome.rejected()).containsOnlyKeys("TSHIRT-L");
        assertThat(outcome.rejected().get("TSHIRT-L")).contains("IE0004");
    }

    @Test
    void too_many_requests_is_throttled_with_the_wait_rms_names_or_one_second() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("CAP", 1))))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));

        rms.resetAll();
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-get")
                .willReturn(aResponse().withStatus(403).withBody("Too Many Requests")));
        assertThatThrownBy(() -> client().readQuantities(List.of("CAP")))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void refused_keys_are_unauthorized_and_no_message_carries_a_credential() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert")
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"GE0001\",\"message\":\"Unauthorized\"}]}")));

        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("CAP", 1))))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("GE0001")
                        .doesNotContain(SECRET).doesNotContain(LICENSE).doesNotContain(ESA.substring(4)));

        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-get").willReturn(aResponse().withStatus(401)));
        var check = client().testConnection();
        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("401").doesNotContain(SECRET).doesNotContain(LICENSE)
                .doesNotContain(ESA.substring(4));
    }

    @Test
    void a_server_error_fails_with_the_rms_code_and_message() {
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"X0000\",\"message\":\"An unexpected error has occurred\"}]}")));

        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("CAP", 1))))
                .isInstanceOf(ConnectorException.Failed.class)
                .hasMessageContaining("500").hasMessageContaining("X0000");
    }

    @Test
    void quantities_are_read_back_with_bulk_get_and_an_unknown_item_is_left_out() throws Exception {
        map("DISCONTINUED", "mng9999", "gone");
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-get")
                .withRequestBody(equalToJson(resource("bulk-get-request.json")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("bulk-get-response.json"))));

        var shown = client().readQuantities(List.of("TSHIRT-M", "CAP", "DISCONTINUED", "NOT-MAPPED"));

        assertThat(shown).contains(Map.of("TSHIRT-M", 1, "CAP", 5));
    }

    @Test
    void a_stockout_cancellation_is_sent_with_reason_8_without_restoring_stock_and_confirmed_by_an_info_message()
            throws Exception {
        rms.stubFor(rmsPost("/es/2.0/order/cancelOrder/")
                .withRequestBody(equalToJson(resource("cancel-order-request.json")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(resource("cancel-order-response.json"))));

        var outcome = client().cancelForStockout(
                new CancellationRequest("123456-20180101-00684725", null, "CAP", 1, "cancel-1"));

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.CONFIRMED);
        assertThat(outcome.reference()).isEqualTo("123456-20180101-00684725");
    }

    @Test
    void a_cancellation_rms_refuses_comes_back_refused_with_its_words() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/order/cancelOrder/")
                .withRequestBody(matchingJsonPath("$.changeReasonDetailApply", equalTo("8")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(resource("cancel-order-refused.json"))));

        var outcome = client().cancelForStockout(
                new CancellationRequest("123456-20180101-00684725", null, "CAP", 1, "cancel-1"));

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("ORDER_EXT_API_CANCEL_ORDER_ERROR_008").contains("キャンセル申請できません");
    }

    @Test
    void the_connection_test_is_one_authenticated_bulk_get() {
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-get")
                .withRequestBody(matchingJsonPath("$.inventories[0].manageNumber"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"inventories\":[]}")));

        var check = client().testConnection();

        assertThat(check.ok()).as(check.message()).isTrue();
        rms.verify(1, postRequestedFor(urlEqualTo("/es/2.0/inventories/bulk-get")));
    }

    @Test
    void validation_names_the_missing_keys_and_a_sandbox_without_a_host() {
        List<FieldProblem> problems = connector.validate(account(Map.of("licenseKey", " "), true, null));

        assertThat(problems).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("credentials.serviceSecret", "credentials.licenseKey", "sandbox");
        assertThat(connector.validate(account(Map.of("serviceSecret", "s", "licenseKey", "l"), false, null))).isEmpty();
    }
}
