package dev.zaiko.connector.rakuten;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformOrder;
import dev.zaiko.platform.outbound.HostResolver;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;

/**
 * Rakuten RMS orders-in contract: searchOrder, getOrder and confirmOrder stubs accept only the
 * documented method, path, ESA header and body, so a wrong request meets WireMock's 404 and fails.
 */
class RakutenOrdersContractTest {

    static final String SECRET = "SP338531_secretValue";
    static final String LICENSE = "SL338531_licenseValue";
    static final String ESA = "ESA " + Base64.getEncoder()
            .encodeToString((SECRET + ":" + LICENSE).getBytes(StandardCharsets.UTF_8));
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** 10:01 JST. */
    static final Instant NOW = Instant.parse("2024-05-01T01:01:00Z");
    static final String FIRST = "338531-20240501-0012345678";
    static final String CANCELLED = "338531-20240501-0012345679";

    final WireMockServer rms = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final OutboundHttp outbound = new OutboundHttp(
            new OutboundTargets(new OutboundProperties(false, List.of("127.0.0.0/8")), HostResolver.SYSTEM));
    final ConnectorHttp http = new ConnectorHttp(outbound, Duration.ofSeconds(2), Duration.ofSeconds(5));

    @BeforeEach
    void start() {
        rms.start();
    }

    @AfterEach
    void stop() throws Exception {
        rms.stop();
        outbound.close();
    }

    PlatformClient client(Instant now, Duration spacing) {
        ConnectorAccount.ItemMapping none = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
                return Optional.empty();
            }

            @Override
            public Optional<String> sku(String name, String value) {
                return Optional.empty();
            }
        };
        ConnectorAccount.TokenStore noTokens = new ConnectorAccount.TokenStore() {
            @Override
            public Optional<String> get(String name) {
                return Optional.empty();
            }

            @Override
            public void put(String name, String value) {
                throw new AssertionError("RMS hands out no tokens");
            }
        };
        ConnectorAccount account = new ConnectorAccount("RAKUTEN", Platform.RAKUTEN, false, rms.baseUrl(), Map.of(),
                Map.of("serviceSecret", SECRET, "licenseKey", LICENSE), none, noTokens);
        return new RakutenConnector(Clock.fixed(now, ZoneOffset.UTC), spacing).client(account, http);
    }

    PlatformClient client() {
        return client(NOW, Duration.ZERO);
    }

    MappingBuilder rmsPost(String path) {
        return post(urlEqualTo(path))
                .withHeader("Authorization", equalTo(ESA))
                .withHeader("Content-Type", containing("application/json"));
    }

    static String resource(String name) {
        try (InputStream in = RakutenOrdersContractTest.class.getResourceAsStream("/connector/rakuten/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A searchOrder answer with these numbers, page {@code page} of {@code pages}. */
    static String searchAnswer(List<String> numbers, int page, int pages) {
        ObjectNode answer = (ObjectNode) JSON.readTree(resource("search-order-response.json"));
        ArrayNode list = answer.putArray("orderNumberList");
        numbers.forEach(list::add);
        ((ObjectNode) answer.path("PaginationResponseModel")).put("totalPages", pages).put("requestPage", page)
                .put("totalRecordsAmount", numbers.size() * pages);
        return answer.toString();
    }

    /** A getOrder answer of the recorded first order, once per number. */
    static String getAnswer(List<String> numbers) {
        ObjectNode answer = (ObjectNode) JSON.readTree(resource("get-order-response.json"));
        ObjectNode first = (ObjectNode) answer.path("OrderModelList").get(0);
        ArrayNode orders = answer.putArray("OrderModelList");
        for (String n : numbers) orders.add(first.deepCopy().put("orderNumber", n));
        return answer.toString();
    }

    @Test
    void a_pull_searches_the_order_dates_since_the_cursor_then_reads_each_order_with_the_sku_version() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/order/searchOrder/")
                .withRequestBody(equalToJson(resource("search-order-request.json")))
                .willReturn(okJson(resource("search-order-response.json"))));
        rms.stubFor(rmsPost("/es/2.0/order/getOrder/")
                .withRequestBody(equalToJson(resource("get-order-request.json")))
                .willReturn(okJson(resource("get-order-response.json"))));

        PlatformOrder.Page page = client().pullOrders("from=2024-05-01T01:00:00Z;swept=2024-05-01T00:59:00Z").orElseThrow();

        assertThat(page.more()).isFalse();
        assertThat(page.nextCursor()).as("the next window starts where this one ended")
                .isEqualTo("from=2024-05-01T01:01:00Z;swept=2024-05-01T00:59:00Z");
        assertThat(page.orders()).extracting(PlatformOrder::orderId).containsExactly(FIRST, CANCELLED);
        PlatformOrder order = page.orders().get(0);
        assertThat(order.state()).isEqualTo(PlatformOrder.State.OPEN);
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2024-05-01T00:58:12Z"));
        assertThat(order.buyer()).isEqualTo(new PlatformOrder.Buyer("楽天 太郎", "a1b2c3d4e5@pc.fw.rakuten.ne.jp",
                "03-1234-5678", "ja"));
        assertThat(order.payment()).isEqualTo(new PlatformOrder.Payment("CREDIT_CARD", 5600, 500, 500, null));
        assertThat(order.shippingFee()).isEqualTo(660);
        assertThat(order.lines()).containsExactly(
                new PlatformOrder.Line("100000001", "TSHIRT-M", Map.of("manageNumber", "mng1234", "variantId", "sku1"), 2, 1980),
                new PlatformOrder.Line("100000002", null, Map.of("manageNumber", "mng5678", "variantId", "sku5"), 1, 1980));
        long due = order.lines().stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum() + order.shippingFee();
        assertThat(order.payment().amount() + order.payment().pointsUsed() + order.payment().couponDiscount())
                .as("the recorded example adds up").isEqualTo(due);
        assertThat(order.raw()).contains(FIRST).contains("SkuModelList");

        PlatformOrder cancelled = page.orders().get(1);
        assertThat(cancelled.state()).as("progress 900 キャンセル確定").isEqualTo(PlatformOrder.State.CANCELLED);
        assertThat(cancelled.payment().method()).isEqualTo("COD");
        assertThat(cancelled.shippingFee()).as("代引料 is paid with the shipping").isEqualTo(330);
    }

    @Test
    void only_the_recorded_orders_that_awaited_confirmation_are_confirmed() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/order/searchOrder/").willReturn(okJson(resource("search-order-response.json"))));
        rms.stubFor(rmsPost("/es/2.0/order/getOrder/").willReturn(okJson(resource("get-order-response.json"))));
        rms.stubFor(rmsPost("/es/2.0/order/confirmOrder/")
                .withRequestBody(equalToJson(resource("confirm-order-request.json")))
                .willReturn(okJson(resource("confirm-order-response.json"))));
        PlatformClient client = client();
        client.pullOrders("from=2024-05-01T01:00:00Z;swept=2024-05-01T01:00:00Z");

        client.ordersRecorded(List.of(FIRST, CANCELLED, "338531-20240501-0099999999"));
        client.ordersRecorded(List.of(FIRST));

        rms.verify(1, postRequestedFor(urlEqualTo("/es/2.0/order/confirmOrder/")));
        assertThat(rms.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void a_search_of_several_pages_is_read_page_by_page_and_each_page_is_one_get_order() throws Exception {
        for (int page = 1; page <= 3; page++) {
            List<String> numbers = List.of("338531-20240501-00000" + page + "001", "338531-20240501-00000" + page + "002");
            rms.stubFor(rmsPost("/es/2.0/order/searchOrder/")
                    .withRequestBody(matchingJsonPath("$.PaginationRequestModel.requestPage", equalTo(String.valueOf(page))))
                    .willReturn(okJson(searchAnswer(numbers, page, 3))));
            rms.stubFor(rmsPost("/es/2.0/order/getOrder/")
                    .withRequestBody(matchingJsonPath("$.orderNumberList[0]", equalTo(numbers.get(0))))
                    .withRequestBody(matchingJsonPath("$.orderNumberList.length()", equalTo("2")))
                    .willReturn(okJson(getAnswer(numbers))));
        }
        PlatformClient client = client();
        List<String> seen = new ArrayList<>();
        String cursor = "from=2024-05-01T01:00:00Z;swept=2024-05-01T01:00:00Z";
        List<Boolean> more = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PlatformOrder.Page page = client.pullOrders(cursor).orElseThrow();
            page.orders().forEach(o -> seen.add(o.orderId()));
            more.add(page.more());
            cursor = page.nextCursor();
        }

        assertThat(more).containsExactly(true, true, false);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        assertThat(cursor).isEqualTo("from=2024-05-01T01:01:00Z;swept=2024-05-01T01:00:00Z");
        List<LoggedRequest> searches = rms.findAll(postRequestedFor(urlEqualTo("/es/2.0/order/searchOrder/")));
        assertThat(searches).extracting(r -> JSON.readTree(r.getBodyAsString()).path("startDatetime").asString())
                .as("every page of one search has the same window").containsOnly("2024-05-01T09:50:00+0900");
    }

    @Test
    void every_ten_minutes_a_sweep_finds_the_cancellations_of_the_last_thirty_days_by_number_only() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/order/searchOrder/")
                .withRequestBody(matchingJsonPath("$.orderProgressList.length()", equalTo("5")))
                .willReturn(okJson(searchAnswer(List.of(), 1, 0))));
        rms.stubFor(rmsPost("/es/2.0/order/searchOrder/")
                .withRequestBody(equalToJson("""
                        {"orderProgressList":[900],"dateType":1,"startDatetime":"2024-04-01T10:01:00+0900",
                         "endDatetime":"2024-05-01T10:01:00+0900",
                         "PaginationRequestModel":{"requestRecordsAmount":1000,"requestPage":1,
                           "SortModelList":[{"sortColumn":1,"sortDirection":1}]}}"""))
                .willReturn(okJson(searchAnswer(List.of("338531-20240420-0000000001"), 1, 1))));
        PlatformClient client = client();

        PlatformOrder.Page fresh = client.pullOrders("from=2024-05-01T01:00:00Z;swept=2024-05-01T00:51:00Z").orElseThrow();
        assertThat(fresh.orders()).isEmpty();
        assertThat(fresh.more()).as("the sweep is due").isTrue();
        rms.verify(0, postRequestedFor(urlEqualTo("/es/2.0/order/getOrder/")));

        PlatformOrder.Page sweep = client.pullOrders(fresh.nextCursor()).orElseThrow();
        assertThat(sweep.orders()).extracting(PlatformOrder::orderId, PlatformOrder::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("338531-20240420-0000000001", PlatformOrder.State.CANCELLED));
        assertThat(sweep.more()).isFalse();
        assertThat(sweep.nextCursor()).isEqualTo("from=2024-05-01T01:01:00Z;swept=2024-05-01T01:01:00Z");
        rms.verify(0, postRequestedFor(urlEqualTo("/es/2.0/order/getOrder/")));
        assertThat(rms.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void a_first_pull_reaches_back_one_day_and_a_window_longer_than_63_days_is_cut_and_continued() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/order/searchOrder/").willReturn(okJson(searchAnswer(List.of(), 1, 0))));

        client().pullOrders(null);
        assertThat(JSON.readTree(rms.findAll(postRequestedFor(urlEqualTo("/es/2.0/order/searchOrder/"))).get(0)
                .getBodyAsString()).path("startDatetime").asString()).isEqualTo("2024-04-30T09:51:00+0900");

        rms.resetRequests();
        PlatformOrder.Page cut = client().pullOrders("from=2024-01-01T00:10:00Z;swept=2024-05-01T01:00:00Z").orElseThrow();
        var body = JSON.readTree(rms.findAll(postRequestedFor(urlEqualTo("/es/2.0/order/searchOrder/"))).get(0).getBodyAsString());
        assertThat(body.path("startDatetime").asString()).isEqualTo("2024-01-01T09:00:00+0900");
        assertThat(body.path("endDatetime").asString()).isEqualTo("2024-03-04T09:00:00+0900");
        assertThat(cut.more()).isTrue();
        assertThat(cut.nextCursor()).startsWith("from=2024-03-04T00:00:00Z");
    }

    @Test
    void a_429_is_throttled_with_the_wait_rms_names_and_a_refused_license_key_is_unauthorized_without_credentials() {
        rms.stubFor(rmsPost("/es/2.0/order/searchOrder/").willReturn(okJson(resource("search-order-response.json"))));
        rms.stubFor(rmsPost("/es/2.0/order/getOrder/")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        assertThatThrownBy(() -> client().pullOrders("from=2024-05-01T01:00:00Z;swept=2024-05-01T01:00:00Z"))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));

        // licenseKey expires every 90 days: RMS answers 401 mid-run (ESA has no refresh)
        rms.stubFor(rmsPost("/es/2.0/order/getOrder/").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Results\":{\"errorCode\":\"ES04-01\",\"message\":\"Unauthorized\"}}")));
        assertThatThrownBy(() -> client().pullOrders("from=2024-05-01T01:00:00Z;swept=2024-05-01T01:00:00Z"))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("401")
                        .doesNotContain(SECRET).doesNotContain(LICENSE).doesNotContain(ESA.substring(4)));
    }

    @Test
    void an_error_message_in_the_answer_fails_the_pull_with_rms_words() {
        rms.stubFor(rmsPost("/es/2.0/order/searchOrder/").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"MessageModelList\":[{\"messageType\":\"ERROR\",\"messageCode\":\"ORDER_EXT_API_SEARCH_ORDER_ERROR_005\",\"message\":\"期間検索開始日時が不正です。\"}]}")));

        assertThatThrownBy(() -> client().pullOrders("from=2024-05-01T01:00:00Z;swept=2024-05-01T01:00:00Z"))
                .isInstanceOf(ConnectorException.Failed.class)
                .hasMessageContaining("ORDER_EXT_API_SEARCH_ORDER_ERROR_005");
    }

    @Test
    void rakuten_payment_names_become_zaikos_and_others_pass_through() {
        assertThat(RakutenOrders.paymentMethod("クレジットカード")).isEqualTo("CREDIT_CARD");
        assertThat(RakutenOrders.paymentMethod("代金引換")).isEqualTo("COD");
        assertThat(RakutenOrders.paymentMethod("銀行振込")).isEqualTo("BANK_TRANSFER");
        assertThat(RakutenOrders.paymentMethod("コンビニ前払")).isEqualTo("KONBINI");
        assertThat(RakutenOrders.paymentMethod("楽天バンク決済")).isEqualTo("楽天バンク決済");
    }

    @Test
    void order_requests_of_one_shop_are_spaced_by_the_configured_interval() throws Exception {
        rms.stubFor(rmsPost("/es/2.0/order/searchOrder/").willReturn(okJson(resource("search-order-response.json"))));
        rms.stubFor(rmsPost("/es/2.0/order/getOrder/").willReturn(okJson(resource("get-order-response.json"))));

        client(NOW, Duration.ofMillis(400)).pullOrders("from=2024-05-01T01:00:00Z;swept=2024-05-01T01:00:00Z");

        List<LoggedRequest> requests = new ArrayList<>(rms.findAll(postRequestedFor(urlMatching("/es/2.0/order/.*"))));
        requests.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        assertThat(requests).hasSize(2);
        // counted from the first answer, so the second arrives at least the interval after the first arrived
        assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(400);
    }
}
