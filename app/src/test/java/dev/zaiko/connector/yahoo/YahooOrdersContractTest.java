package dev.zaiko.connector.yahoo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import dev.zaiko.support.MovableClock;

/**
 * Yahoo!ショッピング orders in, contract: the stubs answer only the documented calls (POST
 * orderList / orderInfo with the Bearer token and an XML {@code Req} of the documented shape), so a
 * wrong request meets WireMock's 404 and fails the test.
 */
class YahooOrdersContractTest {

    static final String LIST = "/ShoppingWebService/V1/orderList";
    static final String INFO = "/ShoppingWebService/V1/orderInfo";
    static final String TOKEN = "AT-first-access-token";

    final WireMockServer yahoo = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final OutboundHttp outbound = new OutboundHttp(
            new OutboundTargets(new OutboundProperties(false, List.of("127.0.0.0/8")), HostResolver.SYSTEM));
    final ConnectorHttp http = new ConnectorHttp(outbound, Duration.ofSeconds(2), Duration.ofSeconds(5));
    final MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
    final Map<String, String> settings = new HashMap<>(Map.of("sellerId", "zaikostore"));
    final Map<String, String> credentials = new HashMap<>(Map.of("clientId", YahooConnectorTest.CLIENT_ID,
            "clientSecret", YahooConnectorTest.CLIENT_SECRET, "refreshToken", YahooConnectorTest.REFRESH));
    final Map<String, String> stored = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        yahoo.start();
        yahoo.stubFor(post(urlEqualTo("/yconnect/v2/token"))
                .withHeader("Authorization", equalTo(YahooConnectorTest.BASIC))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(YahooConnectorTest.resource("token-response.json"))));
    }

    @AfterEach
    void stop() throws Exception {
        yahoo.stop();
        outbound.close();
    }

    ConnectorAccount account() {
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
        return new ConnectorAccount("YAHOO", Platform.YAHOO, true, yahoo.baseUrl(), settings, credentials, none, tokens);
    }

    PlatformClient client(Duration gap) {
        YahooConnector connector = new YahooConnector(clock, gap);
        assertThat(connector.validate(account())).isEmpty();
        return connector.client(account(), http);
    }

    PlatformClient client() {
        return client(Duration.ZERO);
    }

    /** The documented orderList request: Bearer token, XML /Req/Search with the paging and /Req/SellerId. */
    static MappingBuilder orderList(String token) {
        return post(urlEqualTo(LIST))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withHeader("Content-Type", containing("application/xml"))
                .withRequestBody(matchingXPath("/Req/SellerId/text()", equalTo("zaikostore")))
                .withRequestBody(matchingXPath("/Req/Search/Sort/text()", equalTo("+order_time")))
                .withRequestBody(matchingXPath("/Req/Search/Field/text()", containing("OrderId")));
    }

    static MappingBuilder newOrders(int start) {
        return orderList(TOKEN)
                .withRequestBody(matchingXPath("/Req/Search/Condition/PublicationTimeFrom"))
                .withRequestBody(matchingXPath("/Req/Search/Condition/PublicationTimeTo"))
                .withRequestBody(matchingXPath("/Req/Search/Result/text()", equalTo("10")))
                .withRequestBody(matchingXPath("/Req/Search/Start/text()", equalTo(String.valueOf(start))));
    }

    static MappingBuilder cancellations() {
        return orderList(TOKEN)
                .withRequestBody(matchingXPath("/Req/Search/Condition/OrderStatus/text()", equalTo("4")))
                .withRequestBody(matchingXPath("/Req/Search/Condition/OrderTimeFrom"))
                .withRequestBody(matchingXPath("/Req/Search/Result/text()", equalTo("100")))
                .withRequestBody(matchingXPath("/Req/Search/Start/text()", equalTo("1")));
    }

    static MappingBuilder orderInfo(String orderId) {
        return post(urlEqualTo(INFO))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", containing("application/xml"))
                .withRequestBody(matchingXPath("/Req/Target/OrderId/text()", equalTo(orderId)))
                .withRequestBody(matchingXPath("/Req/Target/Field/text()", containing("BillMailAddress")))
                .withRequestBody(matchingXPath("/Req/SellerId/text()", equalTo("zaikostore")));
    }

    record Row(String orderId, int status, Instant published, Instant updated) {
    }

    static String iso(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneId.of("Asia/Tokyo")).toString();
    }

    /** An orderList answer in the shape of the recorded order-list-response.xml. */
    static ResponseDefinitionBuilder listing(int total, List<Row> rows) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Result><Status>OK</Status>"
                + "<Search><TotalCount>" + total + "</TotalCount>");
        int index = 1;
        for (Row r : rows) {
            xml.append("<OrderInfo><Index>").append(index++).append("</Index><OrderId>").append(r.orderId())
                    .append("</OrderId><OrderTime>").append(iso(r.published().minusSeconds(15))).append("</OrderTime>")
                    .append("<OrderStatus>").append(r.status()).append("</OrderStatus><PublicationTime>")
                    .append(iso(r.published())).append("</PublicationTime><LastUpdateTime>").append(iso(r.updated()))
                    .append("</LastUpdateTime></OrderInfo>");
        }
        return xml(200, xml.append("</Search></Result>").toString());
    }

    static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody(body);
    }

    /** The recorded orderInfo answer for another order id. */
    static ResponseDefinitionBuilder info(String orderId) {
        return xml(200, YahooConnectorTest.resource("order-info-response.xml")
                .replace("zaikostore-10000001", orderId));
    }

    @Test
    void an_order_is_read_with_order_info_in_the_documented_shape_and_comes_in_zaikos_words() throws Exception {
        Instant now = clock.instant();
        yahoo.stubFor(newOrders(1).willReturn(listing(1,
                List.of(new Row("zaikostore-10000001", 2, now.minusSeconds(30), now.minusSeconds(20))))));
        yahoo.stubFor(post(urlEqualTo(INFO)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToXml(YahooConnectorTest.resource("order-info-request.xml")))
                .willReturn(xml(200, YahooConnectorTest.resource("order-info-response.xml"))));

        PlatformOrder.Page page = client().pullOrders(null).orElseThrow();

        assertThat(page.orders()).hasSize(1);
        PlatformOrder o = page.orders().get(0);
        assertThat(o.orderId()).isEqualTo("zaikostore-10000001");
        assertThat(o.state()).isEqualTo(PlatformOrder.State.OPEN);
        assertThat(o.createdAt()).isEqualTo(Instant.parse("2025-06-02T01:15:30Z"));
        assertThat(o.updatedAt()).isEqualTo(Instant.parse("2025-06-02T01:16:02Z"));
        assertThat(o.buyer()).isEqualTo(new PlatformOrder.Buyer("山田 花子", "hanako.yamada@example.jp", "0312345678", "ja"));
        assertThat(o.payment()).as("7,920 less 300 points and a 500 yen mall coupon")
                .isEqualTo(new PlatformOrder.Payment("CREDIT_CARD", 7120, 300, 500, "k2506021234567"));
        assertThat(o.shippingFee()).isEqualTo(660);
        assertThat(o.lines()).containsExactly(
                new PlatformOrder.Line("1", null, Map.of("itemCode", "tshirt", "subCode", "m-red"), 2, 1980),
                new PlatformOrder.Line("2", null, Map.of("itemCode", "cap-01"), 1, 3300));
        long due = o.lines().stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum() + o.shippingFee();
        assertThat(o.payment().amount() + o.payment().pointsUsed() + o.payment().couponDiscount())
                .as("the recorded order adds up as the core checks it").isEqualTo(due);
        assertThat(o.raw()).contains("<BillMailAddress>hanako.yamada@example.jp</BillMailAddress>");
        assertThat(page.more()).as("the round's cancellations come next").isTrue();
        assertThat(page.nextCursor()).startsWith("phase=cancel").contains("seen=zaikostore-10000001");

        LoggedRequest list = yahoo.findAll(postRequestedFor(urlEqualTo(LIST))).get(0);
        String body = list.getBodyAsString();
        String to = YahooOrders.condition(now.getEpochSecond());
        String from = YahooOrders.condition(now.minus(YahooOrders.FIRST_ROUND).getEpochSecond());
        assertThat(body).as("the first round reaches back 24 hours, in YYYYMMDDHHmmss Japan time")
                .contains("<PublicationTimeFrom>" + from + "</PublicationTimeFrom>")
                .contains("<PublicationTimeTo>" + to + "</PublicationTimeTo>");
        assertThat(from).matches("\\d{14}");
    }

    @Test
    void new_orders_are_paged_ten_at_a_time_then_the_cancellations_and_the_next_round_skips_what_its_overlap_finds_again()
            throws Exception {
        Instant now = clock.instant();
        List<Row> first = new ArrayList<>();
        for (int i = 1; i <= 10; i++) first.add(new Row("zaikostore-10000" + (100 + i), 2, now.minusSeconds(3600), now));
        List<Row> second = List.of(new Row("zaikostore-10000111", 2, now.minusSeconds(60), now),
                new Row("zaikostore-10000112", 4, now.minusSeconds(30), now));
        yahoo.stubFor(newOrders(1).willReturn(listing(12, first)));
        yahoo.stubFor(newOrders(11).willReturn(listing(12, second)));
        for (int i = 101; i <= 111; i++) yahoo.stubFor(orderInfo("zaikostore-10000" + i).willReturn(info("zaikostore-10000" + i)));
        yahoo.stubFor(cancellations().willReturn(listing(0, List.of())));
        PlatformClient client = client();

        PlatformOrder.Page p1 = client.pullOrders(null).orElseThrow();
        assertThat(p1.orders()).hasSize(10);
        assertThat(p1.more()).isTrue();
        PlatformOrder.Page p2 = client.pullOrders(p1.nextCursor()).orElseThrow();
        assertThat(p2.orders()).extracting(PlatformOrder::orderId).containsExactly("zaikostore-10000111", "zaikostore-10000112");
        assertThat(p2.orders().get(1).state()).as("cancelled before Zaiko saw it: no orderInfo")
                .isEqualTo(PlatformOrder.State.CANCELLED);
        yahoo.verify(0, postRequestedFor(urlEqualTo(INFO)).withRequestBody(containing("zaikostore-10000112")));
        PlatformOrder.Page p3 = client.pullOrders(p2.nextCursor()).orElseThrow();
        assertThat(p3.orders()).isEmpty();
        assertThat(p3.more()).as("the round is over").isFalse();
        yahoo.verify(11, postRequestedFor(urlEqualTo(INFO)));

        // the next round, a minute on: starts five minutes before the last one ended
        clock.advance(Duration.ofMinutes(1));
        yahoo.resetRequests();
        yahoo.stubFor(newOrders(1).willReturn(listing(3, List.of(second.get(0), second.get(1),
                new Row("zaikostore-10000113", 2, now.plusSeconds(20), now.plusSeconds(20))))));
        yahoo.stubFor(orderInfo("zaikostore-10000113").willReturn(info("zaikostore-10000113")));
        PlatformOrder.Page next = client.pullOrders(p3.nextCursor()).orElseThrow();

        assertThat(next.orders()).as("the orders of the overlap were handed over already")
                .extracting(PlatformOrder::orderId).containsExactly("zaikostore-10000113");
        yahoo.verify(1, postRequestedFor(urlEqualTo(INFO)));
        long lastTo = Long.parseLong(p1.nextCursor().replaceAll(".*&to=(\\d+).*", "$1"));
        assertThat(yahoo.findAll(postRequestedFor(urlEqualTo(LIST))).get(0).getBodyAsString())
                .contains("<PublicationTimeFrom>" + YahooOrders.condition(lastTo - 300) + "</PublicationTimeFrom>");
    }

    @Test
    void a_cancellation_on_yahoo_comes_back_cancelled_once_and_an_old_one_is_not_told_again() throws Exception {
        Instant now = clock.instant();
        yahoo.stubFor(newOrders(1).willReturn(listing(0, List.of())));
        yahoo.stubFor(cancellations().willReturn(listing(2, List.of(
                new Row("zaikostore-10000001", 4, now.minus(Duration.ofDays(3)), now.minusSeconds(40)),
                new Row("zaikostore-10000000", 4, now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(2)))))));
        PlatformClient client = client();
        String round = "phase=new&from=" + (now.getEpochSecond() - 360) + "&start=1";

        PlatformOrder.Page list = client.pullOrders(round).orElseThrow();
        PlatformOrder.Page cancelled = client.pullOrders(list.nextCursor()).orElseThrow();

        assertThat(cancelled.orders()).extracting(PlatformOrder::orderId, PlatformOrder::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("zaikostore-10000001", PlatformOrder.State.CANCELLED));
        String body = yahoo.findAll(postRequestedFor(urlEqualTo(LIST))
                .withRequestBody(containing("<OrderStatus>4</OrderStatus>"))).get(0).getBodyAsString();
        assertThat(body).as("orders placed in the last 30 days")
                .contains("<OrderTimeFrom>" + YahooOrders.condition(now.getEpochSecond() - 30 * 86400L) + "</OrderTimeFrom>");
        yahoo.verify(0, postRequestedFor(urlEqualTo(INFO)));
    }

    @Test
    void a_token_that_expires_in_the_middle_of_a_round_is_renewed_once_and_the_round_goes_on() throws Exception {
        Instant now = clock.instant();
        yahoo.stubFor(newOrders(1).willReturn(listing(2, List.of(new Row("zaikostore-10000001", 2, now, now),
                new Row("zaikostore-10000002", 2, now, now)))));
        yahoo.stubFor(orderInfo("zaikostore-10000001").willReturn(info("zaikostore-10000001")));
        yahoo.stubFor(orderInfo("zaikostore-10000002").inScenario("expiry").whenScenarioStateIs(STARTED)
                .willReturn(xml(401, YahooConnectorTest.resource("expired-token.xml"))
                        .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                .willSetStateTo("renewed"));
        yahoo.stubFor(orderInfo("zaikostore-10000002").inScenario("expiry").whenScenarioStateIs("renewed")
                .willReturn(info("zaikostore-10000002")));

        PlatformOrder.Page page = client().pullOrders(null).orElseThrow();

        assertThat(page.orders()).extracting(PlatformOrder::orderId).containsExactly("zaikostore-10000001", "zaikostore-10000002");
        yahoo.verify(2, postRequestedFor(urlEqualTo("/yconnect/v2/token")));
    }

    @Test
    void too_many_requests_on_the_order_api_is_throttled_with_yahoos_wait_and_an_error_answer_fails_with_its_code() {
        yahoo.stubFor(newOrders(1).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")));
        assertThatThrownBy(() -> client().pullOrders(null))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20)));

        yahoo.stubFor(newOrders(1).willReturn(xml(400, YahooConnectorTest.resource("invalid-params.xml"))));
        assertThatThrownBy(() -> client().pullOrders(null))
                .isInstanceOf(ConnectorException.Failed.class).hasMessageContaining("st-02101");
    }

    @Test
    void a_cash_on_delivery_fee_and_gift_wrapping_are_counted_with_the_shipping_so_the_order_adds_up() throws Exception {
        Instant now = clock.instant();
        String id = "zaikostore-30000001";
        yahoo.stubFor(newOrders(1).willReturn(listing(1, List.of(new Row(id, 2, now, now)))));
        yahoo.stubFor(orderInfo(id).willReturn(xml(200, YahooConnectorTest.resource("order-info-response.xml")
                .replace("zaikostore-10000001", id).replace("<PayMethod>payment_a1</PayMethod>",
                        "<PayMethod>payment_d1</PayMethod>")
                .replace("<PayCharge>0</PayCharge>", "<PayCharge>330</PayCharge>")
                .replace("<GiftWrapCharge>0</GiftWrapCharge>", "<GiftWrapCharge>220</GiftWrapCharge>")
                .replace("<TotalPrice>7920</TotalPrice>", "<TotalPrice>8470</TotalPrice>"))));

        PlatformOrder o = client().pullOrders(null).orElseThrow().orders().get(0);

        assertThat(o.payment().method()).isEqualTo("COD");
        assertThat(o.shippingFee()).as("660 shipping + 330 COD fee + 220 gift wrapping").isEqualTo(1210);
        long due = o.lines().stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum() + o.shippingFee();
        assertThat(o.payment().amount() + o.payment().pointsUsed() + o.payment().couponDiscount()).isEqualTo(due);
    }

    @Test
    void yahoos_payment_codes_become_zaikos_names_and_anything_else_passes_through_for_a_person() throws Exception {
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        Map<String, String> codes = new java.util.LinkedHashMap<>();
        codes.put("payment_d1", "COD");
        codes.put("payment_b1", "BANK_TRANSFER");
        codes.put("payment_a7", "KONBINI");
        codes.put("payment_a17", "PAYPAY");
        codes.put("payment_a10", "payment_a10");
        int n = 0;
        for (String code : codes.keySet()) {
            String id = "zaikostore-2000000" + (++n);
            rows.add(new Row(id, 2, now, now));
            yahoo.stubFor(orderInfo(id).willReturn(xml(200, YahooConnectorTest.resource("order-info-response.xml")
                    .replace("zaikostore-10000001", id).replace("payment_a1", code))));
        }
        String combined = "zaikostore-20000009";
        rows.add(new Row(combined, 2, now, now));
        yahoo.stubFor(orderInfo(combined).willReturn(xml(200, YahooConnectorTest.resource("order-info-response.xml")
                .replace("zaikostore-10000001", combined).replace("<PayMethod>payment_a1</PayMethod>",
                        "<PayMethod>payment_a17</PayMethod><CombinedPayMethod>payment_a1</CombinedPayMethod>"))));
        yahoo.stubFor(newOrders(1).willReturn(listing(rows.size(), rows)));

        List<PlatformOrder> orders = client().pullOrders(null).orElseThrow().orders();

        assertThat(orders).extracting(o -> o.payment().method())
                .containsExactly("COD", "BANK_TRANSFER", "KONBINI", "PAYPAY", "payment_a10", "payment_a17+payment_a1");
    }

    @Test
    void with_the_stores_public_key_every_order_call_is_signed_with_the_seller_and_the_time() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        credentials.put("publicKey", "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        settings.put("publicKeyVersion", "3");
        yahoo.stubFor(newOrders(1).withHeader("X-sws-signature-version", equalTo("3"))
                .withHeader("X-sws-signature", containing("=")).willReturn(listing(0, List.of())));

        client().pullOrders(null);

        String signature = yahoo.findAll(postRequestedFor(urlEqualTo(LIST))).get(0).getHeader("X-sws-signature");
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, keys.getPrivate());
        assertThat(new String(rsa.doFinal(Base64.getDecoder().decode(signature)), StandardCharsets.UTF_8))
                .isEqualTo("zaikostore:" + clock.instant().getEpochSecond());

        settings.remove("publicKeyVersion");
        credentials.put("publicKey", "not a key");
        assertThat(new YahooConnector(clock).validate(account())).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("credentials.publicKey", "settings.publicKeyVersion");
    }

    @Test
    void the_order_api_is_called_no_more_than_once_a_second() throws Exception {
        Instant now = clock.instant();
        List<Row> rows = List.of(new Row("zaikostore-10000001", 2, now, now), new Row("zaikostore-10000002", 2, now, now),
                new Row("zaikostore-10000003", 2, now, now));
        yahoo.stubFor(newOrders(1).willReturn(listing(3, rows)));
        for (Row r : rows) yahoo.stubFor(orderInfo(r.orderId()).willReturn(info(r.orderId())));
        yahoo.stubFor(cancellations().willReturn(listing(0, List.of())));
        PlatformClient client = client(YahooConnector.ORDER_CALL_GAP);

        PlatformOrder.Page page = client.pullOrders(null).orElseThrow();
        client.pullOrders(page.nextCursor());

        for (String path : List.of(INFO, LIST)) {
            List<Instant> at = yahoo.findAll(postRequestedFor(urlEqualTo(path))).stream()
                    .map(r -> r.getLoggedDate().toInstant()).sorted().toList();
            for (int i = 1; i < at.size(); i++) {
                assertThat(Duration.between(at.get(i - 1), at.get(i)).toMillis()).as("%s calls %d and %d", path, i, i + 1)
                        .isGreaterThanOrEqualTo(1000);
            }
        }
        yahoo.verify(3, postRequestedFor(urlEqualTo(INFO)));
        yahoo.verify(2, postRequestedFor(urlEqualTo(LIST)).withRequestBody(matchingXPath("/Req/SellerId")));
        yahoo.verify(0, postRequestedFor(urlEqualTo(LIST)).withHeader("X-sws-signature", matching(".+")));
    }
}
