package dev.zaiko.connector.smaregi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.TillSale;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;
import dev.zaiko.support.StoppedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Till sales in over Smaregi's 取引一覧 and 取引明細 against a WireMock Smaregi that only answers
 * requests of the documented shape (path, Bearer token, query parameters); anything else gets
 * WireMock's 404 and the test fails.
 */
class SmaregiTillSalesContractTest {

    static final String CONTRACT = "sb_zaiko01";
    static final String TRANSACTIONS = "/" + CONTRACT + "/pos/transactions";
    static final String APP_TOKEN = SmaregiConnectorTest.APP_TOKEN;

    final WireMockServer smaregi = new WireMockServer(options().dynamicPort());
    final StoppedClock clock = new StoppedClock(Instant.parse("2026-03-02T01:30:00Z"), ZoneId.of("Asia/Tokyo")); // 10:30 in Tokyo
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
    }

    void at(Instant t) {
        clock.advance(Duration.between(clock.instant(), t));
    }

    PlatformClient client() {
        ConnectorAccount.ItemMapping mapping = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
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
        ConnectorAccount account = new ConnectorAccount("STORE-TILL", Platform.SMAREGI, true,
                "http://127.0.0.1:" + smaregi.port(), Map.of("contractId", CONTRACT, "storeId", "1",
                "callbackBaseUrl", "https://zaiko.example.jp"),
                Map.of("clientId", "client-id-1", "clientSecret", SmaregiConnectorTest.CLIENT_SECRET,
                        "callbackSecret", SmaregiConnectorTest.CALLBACK_SECRET), mapping, store);
        return connector.client(account, http);
    }

    /** 取引一覧 as documented: the store, a window of server-received times in +09:00, details, page. */
    static MappingBuilder list(String token, String from, String to, int page) {
        return get(urlPathEqualTo(TRANSACTIONS))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withQueryParam("store_id", equalTo("1"))
                .withQueryParam("transaction_date_time-from", equalTo(from))
                .withQueryParam("transaction_date_time-to", equalTo(to))
                .withQueryParam("sort", equalTo("transactionHeadId"))
                .withQueryParam("with_details", equalTo("all"))
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("page", equalTo(Integer.toString(page)));
    }

    void tokenGranted() {
        smaregi.stubFor(SmaregiConnectorTest.tokenGrant().withRequestBody(containing("pos.transactions%3Aread"))
                .willReturn(okJson(SmaregiConnectorTest.recorded("token-answer.json"))));
    }

    /** {@code n} normal sales of one unit of product 8000001, ids from {@code first}. */
    static String sales(int first, int n) {
        ArrayNode heads = SmaregiClient.JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            String id = Integer.toString(first + i);
            ObjectNode head = heads.addObject().put("transactionHeadId", id)
                    .put("transactionDateTime", "2026-03-02T10:29:00+09:00").put("transactionHeadDivision", "1")
                    .put("cancelDivision", "0").put("storeId", "1").put("terminalTranDateTime", "2026-03-02T10:28:58+09:00");
            head.putArray("details").addObject().put("transactionHeadId", id).put("transactionDetailId", "1")
                    .put("transactionDetailDivision", "1").put("productId", "8000001").put("quantity", "1");
        }
        return heads.toString();
    }

    @Test
    void the_first_pull_reads_the_stores_transactions_of_the_last_minutes_with_the_documented_query_and_the_transactions_scope() throws Exception {
        tokenGranted();
        smaregi.stubFor(list(APP_TOKEN, "2026-03-02T10:28:00+09:00", "2026-03-02T10:30:00+09:00", 1)
                .willReturn(okJson(SmaregiConnectorTest.recorded("transactions-list.json"))));
        smaregi.stubFor(get(urlPathEqualTo(TRANSACTIONS + "/1207/details"))
                .withHeader("Authorization", equalTo("Bearer " + APP_TOKEN))
                .willReturn(okJson(SmaregiConnectorTest.recorded("transaction-details.json"))));

        TillSale.Page page = client().pullTillSales(null).orElseThrow();

        assertThat(page.sales()).extracting(TillSale::transactionId)
                .as("the cancelled sale, the deposit and the other store's sale carry no goods of this store")
                .containsExactly("1201", "1202", "1206", "1207");
        TillSale sale = page.sales().get(0);
        assertThat(sale.soldAt()).as("sold when the till says").isEqualTo(Instant.parse("2026-03-02T01:15:01Z"));
        assertThat(sale.lines()).as("the department sale moves no product").containsExactly(
                new TillSale.Line("1", Map.of("productId", "8000001"), TillSale.Kind.SALE, 2),
                new TillSale.Line("2", Map.of("productId", "8000002"), TillSale.Kind.SALE, 1));
        assertThat(sale.raw()).contains("\"transactionHeadId\":\"1201\"");
        assertThat(page.sales().get(1).lines()).as("a 返品 detail").containsExactly(
                new TillSale.Line("1", Map.of("productId", "8000001"), TillSale.Kind.RETURN, 1));
        assertThat(page.sales().get(2).lines()).as("a negative quantity (返品取消)").containsExactly(
                new TillSale.Line("1", Map.of("productId", "8000002"), TillSale.Kind.RETURN, 1));
        assertThat(page.sales().get(3).lines()).as("details read on their own when the list had none").containsExactly(
                new TillSale.Line("1", Map.of("productId", "8000003"), TillSale.Kind.SALE, 3));
        assertThat(page.more()).isFalse();
        assertThat(page.nextCursor()).isEqualTo("2026-03-02T01:30:00Z");
        smaregi.verify(1, postRequestedFor(urlPathEqualTo(SmaregiConnectorTest.TOKEN_PATH)));
        smaregi.verify(1, getRequestedFor(urlPathEqualTo(TRANSACTIONS + "/1207/details")));
    }

    @Test
    void a_full_page_is_followed_page_by_page_over_the_same_window_and_the_next_pull_starts_two_minutes_before_its_end() throws Exception {
        tokenGranted();
        String from = "2026-03-02T10:28:00+09:00";
        String to = "2026-03-02T10:30:00+09:00";
        smaregi.stubFor(list(APP_TOKEN, from, to, 1).willReturn(okJson(sales(2000, 100))));
        smaregi.stubFor(list(APP_TOKEN, from, to, 2).willReturn(okJson(sales(2100, 100))));
        smaregi.stubFor(list(APP_TOKEN, from, to, 3).willReturn(okJson(sales(2200, 7))));
        PlatformClient client = client();

        List<String> ids = new ArrayList<>();
        String cursor = null;
        List<Boolean> more = new ArrayList<>();
        do {
            TillSale.Page page = client.pullTillSales(cursor).orElseThrow();
            clock.advance(Duration.ofSeconds(1)); // the window stays the one the first page was read in
            page.sales().forEach(s -> ids.add(s.transactionId()));
            cursor = page.nextCursor();
            more.add(page.more());
        } while (more.get(more.size() - 1));

        assertThat(more).containsExactly(true, true, false);
        assertThat(ids).hasSize(207).doesNotHaveDuplicates().startsWith("2000").endsWith("2206");
        assertThat(cursor).isEqualTo("2026-03-02T01:30:00Z");

        at(Instant.parse("2026-03-02T01:30:10Z"));
        smaregi.stubFor(list(APP_TOKEN, "2026-03-02T10:28:00+09:00", "2026-03-02T10:30:10+09:00", 1)
                .willReturn(okJson("[]")));
        TillSale.Page next = client.pullTillSales(cursor).orElseThrow();
        assertThat(next.sales()).isEmpty();
        assertThat(next.nextCursor()).isEqualTo("2026-03-02T01:30:10Z");
    }

    @Test
    void after_a_long_pause_the_window_is_cut_at_the_documented_31_days_and_the_rest_follows() throws Exception {
        tokenGranted();
        at(Instant.parse("2026-04-30T01:30:00Z"));
        smaregi.stubFor(list(APP_TOKEN, "2026-03-02T10:28:00+09:00", "2026-04-02T10:28:00+09:00", 1).willReturn(okJson("[]")));

        TillSale.Page page = client().pullTillSales("2026-03-02T01:30:00Z").orElseThrow();

        assertThat(page.more()).isTrue();
        assertThat(page.nextCursor()).isEqualTo("2026-04-02T01:28:00Z");
    }

    @Test
    void a_token_that_expires_between_two_pages_is_renewed_and_the_next_page_goes_with_the_new_one() throws Exception {
        tokenGranted();
        String from = "2026-03-02T10:28:00+09:00";
        String to = "2026-03-02T10:30:00+09:00";
        smaregi.stubFor(list(APP_TOKEN, from, to, 1).willReturn(okJson(sales(3000, 100))));
        PlatformClient client = client();
        TillSale.Page first = client.pullTillSales(null).orElseThrow();

        clock.advance(Duration.ofMinutes(58)); // the hour's token is within its last 5 minutes
        smaregi.resetAll();
        smaregi.stubFor(SmaregiConnectorTest.tokenGrant().willReturn(okJson("""
                {"access_token":"app-token-2","token_type":"Bearer","expires_in":3600,"scope":"pos.stock:read pos.stock:write pos.transactions:read"}
                """)));
        smaregi.stubFor(list("app-token-2", from, to, 2).willReturn(okJson(sales(3100, 3))));

        TillSale.Page second = client.pullTillSales(first.nextCursor()).orElseThrow();

        assertThat(second.sales()).extracting(TillSale::transactionId).containsExactly("3100", "3101", "3102");
        smaregi.verify(1, postRequestedFor(urlPathEqualTo(SmaregiConnectorTest.TOKEN_PATH)));
        smaregi.verify(0, getRequestedFor(urlPathEqualTo(TRANSACTIONS)).withHeader("Authorization", equalTo("Bearer " + APP_TOKEN)));
    }

    @Test
    void a_token_refused_mid_run_is_renewed_once_and_the_page_read_again() throws Exception {
        tokens.put("accessToken", "revoked-token");
        tokens.put("accessTokenExpiresAt", clock.instant().plus(Duration.ofMinutes(40)).toString());
        tokens.put("accessTokenScope", SmaregiClient.SCOPE);
        tokenGranted();
        smaregi.stubFor(list("revoked-token", "2026-03-02T10:28:00+09:00", "2026-03-02T10:30:00+09:00", 1)
                .willReturn(aResponse().withStatus(401)));
        smaregi.stubFor(list(APP_TOKEN, "2026-03-02T10:28:00+09:00", "2026-03-02T10:30:00+09:00", 1)
                .willReturn(okJson(sales(4000, 2))));

        assertThat(client().pullTillSales(null).orElseThrow().sales()).hasSize(2);
        smaregi.verify(2, getRequestedFor(urlPathEqualTo(TRANSACTIONS)));
    }

    @Test
    void a_token_kept_from_the_stock_only_grant_is_renewed_with_the_transactions_scope_before_reading_transactions() throws Exception {
        tokens.put("accessToken", "stock-only-token");
        tokens.put("accessTokenExpiresAt", clock.instant().plus(Duration.ofMinutes(40)).toString());
        tokenGranted();
        smaregi.stubFor(list(APP_TOKEN, "2026-03-02T10:28:00+09:00", "2026-03-02T10:30:00+09:00", 1)
                .willReturn(okJson("[]")));

        client().pullTillSales(null);

        smaregi.verify(1, postRequestedFor(urlPathEqualTo(SmaregiConnectorTest.TOKEN_PATH)));
        smaregi.verify(0, getRequestedFor(urlPathEqualTo(TRANSACTIONS)).withHeader("Authorization", equalTo("Bearer stock-only-token")));
    }

    @Test
    void a_429_on_the_transaction_list_waits_as_long_as_its_retry_after_says() {
        tokenGranted();
        smaregi.stubFor(list(APP_TOKEN, "2026-03-02T10:28:00+09:00", "2026-03-02T10:30:00+09:00", 1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4")));

        assertThatThrownBy(() -> client().pullTillSales(null))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        t -> assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
    }

    @Test
    void a_403_names_the_scopes_and_plan_to_check() {
        tokenGranted();
        smaregi.stubFor(list(APP_TOKEN, "2026-03-02T10:28:00+09:00", "2026-03-02T10:30:00+09:00", 1)
                .withQueryParam("fields", absent()).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> client().pullTillSales(null)).isInstanceOf(ConnectorException.Unauthorized.class)
                .hasMessageContaining("scopes");
    }
}
