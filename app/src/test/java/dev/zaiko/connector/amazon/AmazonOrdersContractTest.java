package dev.zaiko.connector.amazon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformConnector.FieldProblem;
import dev.zaiko.connector.PlatformOrder;
import dev.zaiko.platform.outbound.HostResolver;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;
import dev.zaiko.support.StoppedClock;

/**
 * Amazon orders-in contract: searchOrders (Orders API 2026-01-01) and v0 getOrders + getOrderItems
 * stubs accept only the documented method, path, query and x-amz-access-token, so a request of
 * another shape meets WireMock's 404 and the test fails. Recorded answers:
 * src/test/resources/connector/amazon (README.md names their sources).
 */
class AmazonOrdersContractTest {

    static final String SELLER = "A2SELLER0JP";
    static final String JAPAN = "A1VC38T7YXB528";
    static final String CLIENT_ID = "amzn1.application-oa2-client.zaiko0test";
    static final String CLIENT_SECRET = "amzn1.oa2-cs.v1.s3cr3t-client-secret";
    static final String REFRESH_TOKEN = "Atzr|seller-refresh-token";
    static final String FIRST = "Atza|first-access-token";
    static final String SECOND = "Atza|second-access-token";
    static final String SEARCH = "/orders/2026-01-01/orders";
    static final String GET_ORDERS = "/orders/v0/orders";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The cursor of the tests: the last window ended 11:55 JST on Christmas 2024. */
    static final String CURSOR = "after=2024-12-25T02:55:00Z";

    final WireMockServer amazon = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    final HostResolver names = host -> host.endsWith(".test")
            ? new InetAddress[] {InetAddress.getByName("127.0.0.1")} : InetAddress.getAllByName(host);
    final OutboundHttp outbound = new OutboundHttp(
            new OutboundTargets(new OutboundProperties(false, List.of("127.0.0.0/8")), names));
    final ConnectorHttp http = new ConnectorHttp(outbound, Duration.ofSeconds(2), Duration.ofSeconds(5));
    final StoppedClock clock = new StoppedClock(Instant.parse("2024-12-25T03:00:00Z"), ZoneId.of("Asia/Tokyo"));
    final Map<String, String> stored = new HashMap<>();

    @BeforeEach
    void start() {
        amazon.start();
    }

    @AfterEach
    void stop() {
        amazon.stop();
        outbound.close();
    }

    String base() {
        return "http://sp.test:" + amazon.port();
    }

    PlatformClient client(Map<String, String> extraSettings) {
        ConnectorAccount.ItemMapping items = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
                return Optional.empty();
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
        Map<String, String> settings = new LinkedHashMap<>(Map.of("sellerId", SELLER, "lwaUrl", base() + "/auth/o2/token"));
        settings.putAll(extraSettings);
        ConnectorAccount account = new ConnectorAccount("AMAZON", Platform.AMAZON, false, base(), settings,
                Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "refreshToken", REFRESH_TOKEN), items, tokens);
        return new AmazonConnector(clock).client(account, http);
    }

    PlatformClient client() {
        return client(Map.of());
    }

    static String recorded(String name) {
        try (InputStream in = AmazonOrdersContractTest.class.getResourceAsStream("/connector/amazon/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing recorded example " + name, e);
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The LWA exchange: FIRST, then SECOND on every later exchange. */
    void lwaAnswersFirstThenSecond() {
        MappingBuilder exchange = post(urlPathEqualTo("/auth/o2/token"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(REFRESH_TOKEN));
        amazon.stubFor(exchange.inScenario("lwa").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refreshed")
                .willReturn(json(200, recorded("lwa-token-answer.json"))));
        amazon.stubFor(post(urlPathEqualTo("/auth/o2/token")).inScenario("lwa").whenScenarioStateIs("refreshed")
                .willReturn(json(200, recorded("lwa-token-answer.json").replace(FIRST, SECOND))));
    }

    /** searchOrders as documented: GET, the marketplace, lastUpdatedAfter, the statuses, merchant orders, the datasets. */
    MappingBuilder searchOrders(String token, String lastUpdatedAfter) {
        return get(urlPathEqualTo(SEARCH))
                .withHeader("x-amz-access-token", equalTo(token))
                .withQueryParam("marketplaceIds", equalTo(JAPAN))
                .withQueryParam("lastUpdatedAfter", equalTo(lastUpdatedAfter))
                .withQueryParam("fulfillmentStatuses", equalTo("PENDING_AVAILABILITY,UNSHIPPED,PARTIALLY_SHIPPED,CANCELLED"))
                .withQueryParam("fulfilledBy", equalTo("MERCHANT"))
                .withQueryParam("maxResultsPerPage", equalTo("100"))
                .withQueryParam("includedData", equalTo("BUYER,FULFILLMENT,PROCEEDS,PAYMENT"))
                .withQueryParam("createdAfter", absent());
    }

    /** A searchOrders answer of one recorded UNSHIPPED order renamed, with Amazon's next token or none. */
    static String searchPage(String orderId, String nextToken) {
        ObjectNode answer = (ObjectNode) JSON.readTree(recorded("search-orders-answer.json"));
        ObjectNode first = (ObjectNode) answer.path("orders").get(0).deepCopy();
        first.put("orderId", orderId);
        answer.putArray("orders").add(first);
        if (nextToken != null) answer.putObject("pagination").put("nextToken", nextToken);
        return answer.toString();
    }

    @Test
    void aPullSearchesTheMerchantOrdersUpdatedSinceTheCursorAndReadsEachAsAmazonRecordedIt() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(searchOrders(FIRST, "2024-12-25T02:45:00Z").withQueryParam("paginationToken", absent())
                .willReturn(json(200, recorded("search-orders-answer.json")).withHeader("x-amzn-RateLimit-Limit", "0.0056")));

        PlatformOrder.Page page = client().pullOrders(CURSOR).orElseThrow();

        assertThat(page.more()).isFalse();
        assertThat(page.nextCursor()).as("the next window starts where Amazon says this one ended")
                .isEqualTo("after=2024-12-25T02:58:00Z");
        assertThat(page.orders()).as("PENDING (payment not authorised) and an FBA order are not taken")
                .extracting(PlatformOrder::orderId)
                .containsExactly("250-1234567-8901234", "250-1234567-8901235", "250-1234567-8901237");
        PlatformOrder order = page.orders().get(0);
        assertThat(order.state()).isEqualTo(PlatformOrder.State.OPEN);
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2024-12-25T02:30:00Z"));
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2024-12-25T02:45:00Z"));
        assertThat(order.buyer()).isEqualTo(new PlatformOrder.Buyer("山田 花子",
                "0a1b2c3d4e5f6g7@marketplace.amazon.co.jp", null, null));
        assertThat(order.payment()).isEqualTo(new PlatformOrder.Payment("CREDIT_CARD", 5660, 0, 300, null));
        assertThat(order.shippingFee()).isEqualTo(500);
        assertThat(order.lines()).containsExactly(
                new PlatformOrder.Line("25012345678901", "AMZ-TEA-100", Map.of("sellerSku", "AMZ-TEA-100"), 2, 1980),
                new PlatformOrder.Line("25012345678902", "AMZ-HOJI-200", Map.of("sellerSku", "AMZ-HOJI-200"), 1, 1500));
        long due = order.lines().stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum() + order.shippingFee();
        assertThat(order.payment().amount() + order.payment().pointsUsed() + order.payment().couponDiscount())
                .as("the recorded example adds up").isEqualTo(due);
        assertThat(order.raw()).contains("250-1234567-8901234", "fulfillmentStatus");

        assertThat(page.orders().get(1).state()).as("CANCELLED").isEqualTo(PlatformOrder.State.CANCELLED);
        PlatformOrder preorder = page.orders().get(2);
        assertThat(preorder.state()).as("a pre-order is an order").isEqualTo(PlatformOrder.State.OPEN);
        assertThat(preorder.buyer().email()).as("Amazon gives the email from UNSHIPPED on").isNull();
        assertThat(amazon.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void aBacklogIsPagedWithAmazonsTokenInTheSameWindowAndAnAccessTokenExpiringMidRunIsRefreshed() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(searchOrders(FIRST, "2024-12-25T02:45:00Z").withQueryParam("paginationToken", absent())
                .willReturn(json(200, searchPage("250-0000001-0000001", "page-2/token+=="))));
        // the hour of the first token ends between two pages: Amazon calls it expired
        amazon.stubFor(searchOrders(FIRST, "2024-12-25T02:45:00Z").withQueryParam("paginationToken", equalTo("page-2/token+=="))
                .willReturn(json(403, recorded("error-token-expired.json"))));
        amazon.stubFor(searchOrders(SECOND, "2024-12-25T02:45:00Z").withQueryParam("paginationToken", equalTo("page-2/token+=="))
                .willReturn(json(200, searchPage("250-0000002-0000002", "page-3"))));
        amazon.stubFor(searchOrders(SECOND, "2024-12-25T02:45:00Z").withQueryParam("paginationToken", equalTo("page-3"))
                .willReturn(json(200, searchPage("250-0000003-0000003", null))));
        PlatformClient client = client();

        List<String> seen = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        String cursor = CURSOR;
        for (int i = 0; i < 3; i++) {
            PlatformOrder.Page page = client.pullOrders(cursor).orElseThrow();
            page.orders().forEach(o -> seen.add(o.orderId()));
            more.add(page.more());
            cursor = page.nextCursor();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(seen).containsExactly("250-0000001-0000001", "250-0000002-0000002", "250-0000003-0000003");
        assertThat(more).containsExactly(true, true, false);
        assertThat(cursor).as("every page of the run kept the first answer's window end").isEqualTo("after=2024-12-25T02:58:00Z");
        assertThat(amazon.findAll(getRequestedFor(urlPathEqualTo(SEARCH)))).hasSize(4);
        assertThat(amazon.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void aFirstPullReachesBackOneDay() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(searchOrders(FIRST, "2024-12-24T02:50:00Z").willReturn(json(200, "{\"orders\":[]}")));

        PlatformOrder.Page page = client().pullOrders(null).orElseThrow();

        assertThat(page.orders()).isEmpty();
        assertThat(page.nextCursor()).as("Amazon named no window end: two minutes ago")
                .isEqualTo("after=2024-12-25T02:58:00Z");
    }

    @Test
    void tooManyRequestsIsThrottledWithOneRequestsWorthAtTheRateAmazonStates() {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(json(429, recorded("error-quota-exceeded.json"))
                .withHeader("x-amzn-RateLimit-Limit", "0.0056")));

        assertThatThrownBy(() -> client().pullOrders(CURSOR))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(178_572));
                    assertThat(e.getMessage()).contains("searchOrders").doesNotContain(FIRST);
                });
    }

    @Test
    void aPullSpendsAtMostTheBurstOfTwentyAndThenOneMoreSearchEveryThreeMinutes() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(json(200, searchPage("250-0000001-0000001", "more"))));
        PlatformClient client = client();

        String cursor = CURSOR;
        for (int i = 0; i < 20; i++) {
            PlatformOrder.Page page = client.pullOrders(cursor).orElseThrow();
            assertThat(page.more()).isTrue();
            cursor = page.nextCursor();
        }
        PlatformOrder.Page spent = client.pullOrders(cursor).orElseThrow();

        assertThat(spent.orders()).isEmpty();
        assertThat(spent.more()).as("the pull ends here").isFalse();
        assertThat(spent.nextCursor()).as("and the next one goes on from the same page").isEqualTo(cursor);
        amazon.verify(20, getRequestedFor(urlPathEqualTo(SEARCH)));

        clock.advance(new AmazonConnector(clock).orderPullEvery());
        assertThat(client.pullOrders(cursor).orElseThrow().orders()).hasSize(1);
        assertThat(client.pullOrders(cursor).orElseThrow().more()).as("one request's worth came back, no more").isFalse();
        amazon.verify(21, getRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void aPagingTokenAmazonNoLongerTakesReadsTheWindowAgainFromItsStart() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(searchOrders(FIRST, "2024-12-25T02:45:00Z").withQueryParam("paginationToken", equalTo("stale"))
                .willReturn(json(400, "{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"Invalid Input\",\"details\":\"\"}]}")));

        PlatformOrder.Page page = client().pullOrders(CURSOR + ";api=2026-01-01;until=2024-12-25T02:58:00Z;token=stale")
                .orElseThrow();

        assertThat(page.orders()).isEmpty();
        assertThat(page.more()).isTrue();
        assertThat(page.nextCursor()).isEqualTo(CURSOR);
    }

    /** getOrders (v0) as documented: the marketplace, LastUpdatedAfter, the statuses, MFN, 30 a page. */
    MappingBuilder getOrders(String lastUpdatedAfter) {
        return get(urlPathEqualTo(GET_ORDERS))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .withQueryParam("MarketplaceIds", equalTo(JAPAN))
                .withQueryParam("LastUpdatedAfter", equalTo(lastUpdatedAfter))
                .withQueryParam("OrderStatuses", equalTo("PendingAvailability,Unshipped,PartiallyShipped,Canceled"))
                .withQueryParam("FulfillmentChannels", equalTo("MFN"))
                .withQueryParam("MaxResultsPerPage", equalTo("30"));
    }

    @Test
    void withOrdersApiV0EachOpenOrdersItemsAreReadAndPointsGrantedAreNotTakenForPointsSpent() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(getOrders("2024-12-25T02:45:00Z").willReturn(json(200, recorded("get-orders-v0-answer.json"))));
        amazon.stubFor(get(urlPathEqualTo(GET_ORDERS + "/503-1234567-1234567/orderItems"))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .willReturn(json(200, recorded("get-order-items-v0-answer.json"))));

        PlatformOrder.Page page = client(Map.of("ordersApi", "v0")).pullOrders(CURSOR).orElseThrow();

        assertThat(page.orders()).extracting(PlatformOrder::orderId, PlatformOrder::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("503-1234567-1234567", PlatformOrder.State.OPEN),
                org.assertj.core.groups.Tuple.tuple("503-1234567-1234568", PlatformOrder.State.CANCELLED));
        PlatformOrder order = page.orders().get(0);
        assertThat(order.payment()).as("COD, 1,000 yen of it in Amazon points; the 39 points granted are the buyer's to earn")
                .isEqualTo(new PlatformOrder.Payment("COD", 3390, 1000, 400, null));
        assertThat(order.shippingFee()).as("ShippingPrice + CODFee").isEqualTo(830);
        assertThat(order.lines()).containsExactly(
                new PlatformOrder.Line("68828574383266", "AMZ-TEA-100", Map.of("sellerSku", "AMZ-TEA-100"), 2, 1980));
        long due = order.lines().stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum() + order.shippingFee();
        assertThat(order.payment().amount() + order.payment().pointsUsed() + order.payment().couponDiscount()).isEqualTo(due);
        assertThat(order.buyer().email()).as("v0 gives the buyer only with a Restricted Data Token").isNull();
        assertThat(order.raw()).contains("\"orderItems\"", "68828574383266");
        assertThat(page.nextCursor()).isEqualTo("after=2024-12-25T02:58:00Z");
        amazon.verify(1, getRequestedFor(urlPathEqualTo(GET_ORDERS + "/503-1234567-1234567/orderItems")));
        amazon.verify(0, getRequestedFor(urlPathEqualTo(GET_ORDERS + "/503-1234567-1234568/orderItems")));
        amazon.verify(0, getRequestedFor(urlPathEqualTo(GET_ORDERS + "/503-1234567-1234569/orderItems")));
        amazon.verify(0, getRequestedFor(urlPathEqualTo(SEARCH)));
        assertThat(amazon.findAllUnmatchedRequests()).isEmpty();
    }

    @Test
    void v0PagesWithNextTokenAndAPageGoesOnlyWhenItsOrderItemsFitTheBurst() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(getOrders("2024-12-25T02:45:00Z").withQueryParam("NextToken", absent())
                .willReturn(json(200, recorded("get-orders-v0-answer.json").replace("\"LastUpdatedBefore\"",
                        "\"NextToken\": \"v0-next\", \"LastUpdatedBefore\""))));
        amazon.stubFor(getOrders("2024-12-25T02:45:00Z").withQueryParam("NextToken", equalTo("v0-next"))
                .willReturn(json(200, "{\"payload\":{\"Orders\":[]}}")));
        amazon.stubFor(get(urlPathEqualTo(GET_ORDERS + "/503-1234567-1234567/orderItems"))
                .willReturn(json(200, recorded("get-order-items-v0-answer.json"))));
        PlatformClient client = client(Map.of("ordersApi", "v0"));

        PlatformOrder.Page first = client.pullOrders(CURSOR).orElseThrow();
        assertThat(first.more()).isTrue();
        assertThat(first.nextCursor()).isEqualTo(CURSOR + ";api=v0;until=2024-12-25T02:58:00Z;token=v0-next");
        PlatformOrder.Page waiting = client.pullOrders(first.nextCursor()).orElseThrow();
        assertThat(waiting.more()).as("29 getOrderItems left of 30: the next page waits").isFalse();
        assertThat(waiting.nextCursor()).isEqualTo(first.nextCursor());

        clock.advance(Duration.ofSeconds(2));
        PlatformOrder.Page last = client.pullOrders(first.nextCursor()).orElseThrow();
        assertThat(last.more()).isFalse();
        assertThat(last.nextCursor()).isEqualTo("after=2024-12-25T02:58:00Z");
        amazon.verify(2, getRequestedFor(urlPathEqualTo(GET_ORDERS)));
    }

    @Test
    void whenSearchOrdersIsNotThereTheClientFallsBackToV0() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(json(404, recorded("error-not-found.json"))));
        amazon.stubFor(get(urlPathEqualTo(GET_ORDERS)).withQueryParam("MarketplaceIds", equalTo(JAPAN))
                .willReturn(json(200, "{\"payload\":{\"Orders\":[],"
                + "\"LastUpdatedBefore\":\"2024-12-25T02:58:00Z\"}}")));
        PlatformClient client = client();

        PlatformOrder.Page page = client.pullOrders(CURSOR).orElseThrow();
        assertThat(page.nextCursor()).isEqualTo("after=2024-12-25T02:58:00Z");
        client.pullOrders(page.nextCursor());

        amazon.verify(1, getRequestedFor(urlPathEqualTo(SEARCH)));
        amazon.verify(2, getRequestedFor(urlPathEqualTo(GET_ORDERS)));
    }

    @Test
    void amazonPaymentNamesBecomeZaikosAndOthersPassThrough() {
        assertThat(AmazonOrders.paymentMethod("Standard")).isEqualTo("CREDIT_CARD");
        assertThat(AmazonOrders.paymentMethod("CreditCard")).isEqualTo("CREDIT_CARD");
        assertThat(AmazonOrders.paymentMethod("CashOnDelivery")).isEqualTo("COD");
        assertThat(AmazonOrders.paymentMethod("COD")).isEqualTo("COD");
        assertThat(AmazonOrders.paymentMethod("ConvenienceStore")).isEqualTo("KONBINI");
        assertThat(AmazonOrders.paymentMethod("GiftCertificate")).isEqualTo("GIFT_BALANCE");
        assertThat(AmazonOrders.paymentMethod("Invoice")).isEqualTo("Invoice");
        assertThat(AmazonOrders.method(List.of("CreditCard", "GiftCertificate"))).isEqualTo("CREDIT_CARD");
        assertThat(AmazonOrders.method(List.of("PointsAccount"))).as("all in points: a person looks").isEqualTo("PointsAccount");
    }

    @Test
    void theOrdersApiSettingIsTheCurrentOneOrV0() {
        AmazonConnector connector = new AmazonConnector(clock);
        ConnectorAccount wrong = new ConnectorAccount("AMAZON", Platform.AMAZON, false, null,
                Map.of("sellerId", SELLER, "ordersApi", "2021-01-01"),
                Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "refreshToken", REFRESH_TOKEN), null, null);
        assertThat(connector.validate(wrong)).extracting(FieldProblem::field).containsExactly("settings.ordersApi");
        ConnectorAccount v0 = new ConnectorAccount("AMAZON", Platform.AMAZON, false, null,
                Map.of("sellerId", SELLER, "ordersApi", "v0"),
                Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "refreshToken", REFRESH_TOKEN), null, null);
        assertThat(connector.validate(v0)).isEmpty();
        assertThat(connector.orderPullEvery()).isEqualTo(Duration.ofMinutes(3));
    }
}
