package dev.zaiko.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.zaiko.support.ProcessLevelTest;
import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ZaikoOnOneDataDirectory;
import dev.zaiko.support.ZaikoProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kill -9 while importing orders (issue 18): Zaiko runs as a process of its own (the real Rakuten
 * adapter, no test classes), its marketplace channel connected to a WireMock RMS in this JVM that
 * holds {@value #ORDERS} orders, five searchOrder pages of 100. The scheduled pull
 * ({@code connector-order-pull}) records them; the JVM and its database watchdog are killed once
 * the pull is inside its second page, with some of that page's orders recorded and not yet
 * confirmed on Rakuten and the cursor still before the page. Restarted on the same data directory,
 * with nothing else changed, the pull resumes by itself and ends with every RMS order recorded
 * exactly once (one Zaiko order per order number, its lines and units as on Rakuten), none in the
 * import inbox, each confirmed on Rakuten at least once, and every SKU's stock reserved by exactly
 * the units of its orders (the channel's ATS before minus after, the ledger consistent).
 */
@ProcessLevelTest
class OrdersInCrashTest {

    static final int ORDERS = 500;
    static final int SKUS = 10;
    /** Sellable units of every SKU: more than its orders take, so every line is reserved. */
    static final int UNITS = 200;
    /** Orders recorded when the kill comes: inside the second page of 100. */
    static final int KILL_AT = 150;
    static final String SECRET = "SP-crash-secret";
    static final String LICENSE = "SL-crash-license";
    static final String ESA = "ESA " + Base64.getEncoder()
            .encodeToString((SECRET + ":" + LICENSE).getBytes(StandardCharsets.UTF_8));
    static final String SEARCH = "/es/2.0/order/searchOrder/";
    static final String GET = "/es/2.0/order/getOrder/";
    static final String CONFIRM = "/es/2.0/order/confirmOrder/";
    static final DateTimeFormatter RMS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX", Locale.ROOT);
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    /**
     * Loopback stubs allowed; the order-pull job looks every second (default 15 s) and the job
     * poller too (10 s); the job's heartbeat is left at its default (5 min): the pull the kill cut off
     * runs again at once because the restarted instance releases the executions of a process of this
     * host that is gone (platform.OrphanedExecutions), not after six missed heartbeats; RMS order
     * requests unpaced (default 1 s apart); an order's reservations held 10 s until its transaction
     * claims them (default 15 min), so the ones of the order the kill cut off between reserving and
     * recording are released within the test, swept every second.
     */
    static final String[] ARGS = {"--zaiko.outbound.allowed-networks=127.0.0.0/8,::1/128",
            "--zaiko.connector.orders.tick=1s", "--zaiko.jobs.polling-interval=1s",
            "--zaiko.connector.rakuten.order-request-spacing=0s",
            "--zaiko.inventory.reservation-hold=10s", "--zaiko.inventory.reservation-sweep-every=1s"};

    @RegisterExtension
    final ZaikoOnOneDataDirectory zaikos = new ZaikoOnOneDataDirectory("orders-in");

    WireMockServer rms;

    @AfterEach
    void stopStub() {
        if (rms != null) rms.stop();
    }

    /** One RMS order: its number, when it was placed, one line of some units of a SKU. */
    record RmsOrder(String number, Instant placedAt, String sku, int units) {
    }

    @Test
    void aZaikoKilledWhileImportingRakutenOrdersRecordsEachOrderExactlyOnceAfterItsRestart() throws Exception {
        Map<String, Instant> phases = new LinkedHashMap<>();
        phases.put("start", Instant.now());
        ZaikoProcess first = zaikos.start(ARGS).awaitUp();
        ConnectorCrashTest.Client api = new ConnectorCrashTest.Client(first);
        phases.put("up", Instant.now());
        ShopApi.Shop shop = api.shop();
        String channel = shop.marketplace();
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            String sku = api.product("OIN");
            api.sellable(sku, shop.store(), UNITS);
            skus.add(sku);
        }
        Map<String, Integer> atsBefore = new HashMap<>();
        for (String sku : skus) atsBefore.put(sku, ats(api, sku, channel));

        // RMS holds the orders of the last hours, placed 10 s apart; the channel's first pull reaches back a day
        Instant firstPlaced = Instant.now().minus(Duration.ofHours(3));
        Map<String, RmsOrder> orders = new LinkedHashMap<>();
        for (int i = 0; i < ORDERS; i++) {
            String number = String.format("338531-20240501-%010d", 7000000000L + i);
            orders.put(number, new RmsOrder(number, firstPlaced.plusSeconds(10L * i), skus.get(i % SKUS), 1 + i % 3));
        }
        rms = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new Rms(orders)));
        rms.start();
        for (String path : List.of(SEARCH, GET, CONFIRM)) {
            rms.stubFor(rmsPost(path).willReturn(aResponse().withTransformers(Rms.NAME)));
        }
        rms.stubFor(rmsPost("/es/2.0/inventories/bulk-upsert").willReturn(aResponse().withStatus(204)));

        ObjectNode account = ShopApi.JSON.createObjectNode().put("platform", "RAKUTEN").put("baseUrl", rms.baseUrl());
        account.putObject("credentials").put("serviceSecret", SECRET).put("licenseKey", LICENSE);
        api.ok(api.put("/api/channels/" + channel + "/connector", account));
        phases.put("connected", Instant.now());

        // the scheduled pull records the orders; kill -9 once it is inside its second page
        int[] seen = new int[1];
        await("the pull has recorded " + KILL_AT + " orders").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> (seen[0] = imported(api, channel)) >= KILL_AT);
        first.children().forEach(ProcessHandle::destroyForcibly); // the database watchdog dies with it
        first.kill();
        phases.put("killed", Instant.now());
        Set<String> fetchedAtKill = numbers(GET);
        Set<String> confirmedAtKill = numbers(CONFIRM);
        int searchesAtKill = rms.findAll(postRequestedFor(urlEqualTo(SEARCH))).size();
        assertThat(fetchedAtKill).as("orders read from RMS before the kill: not all (the pull was under way)")
                .hasSizeLessThan(ORDERS);
        assertThat(confirmedAtKill).as("orders confirmed on Rakuten before the kill: fewer than were recorded, so "
                + "the page in hand had orders recorded and not yet confirmed, its cursor not moved")
                .hasSizeLessThan(seen[0]);
        assertThat(orders.keySet()).containsAll(fetchedAtKill);

        ZaikoProcess second = zaikos.start(ARGS).awaitUp();
        ConnectorCrashTest.Client after = new ConnectorCrashTest.Client(second);
        phases.put("up again", Instant.now());

        await("the restarted Zaiko pulls by itself to the last order and confirms each on Rakuten")
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    assertThat(imported(after, channel)).isEqualTo(ORDERS);
                    assertThat(numbers(CONFIRM)).containsAll(orders.keySet());
                });
        phases.put("all recorded", Instant.now());

        // one Zaiko order per RMS order number, and the connector's import record of each (the child's own database)
        Map<String, String> numberOf = new HashMap<>();
        List<String> refs = new ArrayList<>();
        Map<String, String> imports = new HashMap<>();
        try (Connection db = childDatabase()) {
            try (PreparedStatement s = db.prepareStatement(
                    "select external_ref, order_number from orders_order where channel = ?")) {
                s.setString(1, channel);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        refs.add(rs.getString(1));
                        numberOf.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            try (PreparedStatement s = db.prepareStatement(
                    "select order_id, order_number from connector_order_import where channel = ?")) {
                s.setString(1, channel);
                try (ResultSet rs = s.executeQuery()) {
                    // the import record keeps the number as shown (dashes), the order table its digits
                    while (rs.next()) assertThat(imports.put(rs.getString(1), rs.getString(2).replace("-", ""))).isNull();
                }
            }
        }
        assertThat(refs).as("the channel's orders by external reference: every RMS order once, nothing else")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(orders.keySet());
        assertThat(imports).as("the connector's import record of each").isEqualTo(numberOf);
        JsonNode status = after.ok(after.get("/api/channels/" + channel + "/connector/orders"));
        assertThat(status.path("inboxOpen").intValue()).as(status.toString()).isZero();
        for (RmsOrder o : orders.values()) {
            JsonNode order = after.ok(after.get("/api/orders/" + numberOf.get(o.number())));
            assertThat(order.path("externalRef").asString()).isEqualTo(o.number());
            assertThat(order.path("lines")).as("lines of %s", o.number()).hasSize(1);
            JsonNode line = order.path("lines").get(0);
            assertThat(line.path("sku").asString()).isEqualTo(o.sku());
            assertThat(line.path("quantity").intValue()).isEqualTo(o.units());
            assertThat(line.path("reservationId").isNull()).as("%s reserved", o.number()).isFalse();
        }

        // the units: each order reserved its own once; a reservation the kill cut off from its order is released
        Map<String, Integer> ordered = new HashMap<>();
        for (RmsOrder o : orders.values()) ordered.merge(o.sku(), o.units(), Integer::sum);
        await("every SKU's ATS is its stock before less its orders' units, the ledger consistent")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    for (String sku : skus) {
                        assertThat(atsBefore.get(sku) - ats(after, sku, channel)).as("units of %s reserved", sku)
                                .isEqualTo(ordered.get(sku));
                    }
                    JsonNode consistency = after.ok(after.get("/api/stock/consistency"));
                    assertThat(consistency.path("consistent").asBoolean()).as(consistency.toString()).isTrue();
                });
        phases.put("stock checked", Instant.now());

        List<String> confirms = allNumbers(CONFIRM);
        Set<String> twice = new HashSet<>();
        Set<String> once = new HashSet<>();
        for (String n : confirms) if (!once.add(n)) twice.add(n);
        int released = 0;
        for (String sku : skus) {
            for (JsonNode m : after.ok(after.get("/api/stock/" + sku + "/movements?limit=1000"))) {
                if ("RELEASE".equals(m.path("kind").asString())) released += m.path("quantity").intValue();
            }
        }
        StringBuilder took = new StringBuilder();
        Instant previous = null;
        for (Map.Entry<String, Instant> phase : phases.entrySet()) {
            if (previous != null) took.append(String.format(" %s +%.1fs", phase.getKey(),
                    Duration.between(previous, phase.getValue()).toMillis() / 1000.0));
            previous = phase.getValue();
        }
        System.out.printf("OrdersInCrashTest: phases%s%n", took);
        System.out.printf("OrdersInCrashTest: at the kill %d+ orders recorded, %d read from RMS, %d confirmed, %d searches;"
                        + " after the restart %d orders confirmed a second time, %d units of cut-off reservations released%n",
                seen[0], fetchedAtKill.size(), confirmedAtKill.size(), searchesAtKill, twice.size(), released);
    }

    MappingBuilder rmsPost(String path) {
        return post(urlEqualTo(path)).withHeader("Authorization", equalTo(ESA))
                .withHeader("Content-Type", containing("application/json"));
    }

    /** The channel's orders recorded by the connector in the last hour (its import record). */
    static int imported(ConnectorCrashTest.Client api, String channel) {
        return api.ok(api.get("/api/channels/" + channel + "/connector/orders")).path("importedLastHour").intValue();
    }

    static int ats(ConnectorCrashTest.Client api, String sku, String channel) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    /** The order numbers RMS was sent on this path, each once. */
    Set<String> numbers(String path) {
        return new HashSet<>(allNumbers(path));
    }

    /** The order numbers RMS was sent on this path, as often as sent. */
    List<String> allNumbers(String path) {
        List<String> numbers = new ArrayList<>();
        for (LoggedRequest r : rms.findAll(postRequestedFor(urlEqualTo(path)))) {
            for (JsonNode n : ShopApi.JSON.readTree(r.getBodyAsString()).path("orderNumberList")) numbers.add(n.asString());
        }
        return numbers;
    }

    /** The restarted child's embedded PostgreSQL (local, trusted): its port is in postmaster.pid. */
    Connection childDatabase() throws Exception {
        List<String> pid = Files.readAllLines(zaikos.dataDir().resolve("postgres").resolve("postmaster.pid"));
        int port = Integer.parseInt(pid.get(3).trim());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
    }

    /**
     * RMS's order API over the orders it holds: searchOrder answers the numbers placed within the
     * request's window (order date ascending, the requested page of the requested size; the
     * cancellation sweep, progress 900 alone, finds none), getOrder their records (progress 100,
     * 注文確認待ち, paid by card, one item whose SKU管理番号 and own SKU are the Zaiko SKU), confirmOrder
     * says INFO.
     */
    static final class Rms implements ResponseDefinitionTransformerV2 {
        static final String NAME = "rms-orders";
        private final List<RmsOrder> orders;
        private final Map<String, RmsOrder> byNumber;

        Rms(Map<String, RmsOrder> orders) {
            this.orders = List.copyOf(orders.values());
            this.byNumber = Map.copyOf(orders);
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String path = event.getRequest().getUrl();
            JsonNode body = ShopApi.JSON.readTree(event.getRequest().getBodyAsString());
            ObjectNode answer = ShopApi.JSON.createObjectNode();
            switch (path) {
                case SEARCH -> {
                    List<String> found = new ArrayList<>();
                    if (body.path("orderProgressList").size() > 1) {
                        Instant start = OffsetDateTime.parse(body.path("startDatetime").asString(), RMS_TIME).toInstant();
                        Instant end = OffsetDateTime.parse(body.path("endDatetime").asString(), RMS_TIME).toInstant();
                        for (RmsOrder o : orders) {
                            Instant at = o.placedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                            if (!at.isBefore(start) && !at.isAfter(end)) found.add(o.number());
                        }
                    }
                    int size = body.path("PaginationRequestModel").path("requestRecordsAmount").intValue();
                    int page = body.path("PaginationRequestModel").path("requestPage").intValue();
                    ArrayNode list = answer.putArray("orderNumberList");
                    found.stream().skip((long) (page - 1) * size).limit(size).forEach(list::add);
                    answer.putObject("PaginationResponseModel").put("totalRecordsAmount", found.size())
                            .put("totalPages", (found.size() + size - 1) / size).put("requestPage", page);
                }
                case GET -> {
                    ArrayNode list = answer.putArray("OrderModelList");
                    for (JsonNode n : body.path("orderNumberList")) {
                        RmsOrder o = byNumber.get(n.asString());
                        if (o != null) list.add(record(o));
                    }
                }
                case CONFIRM -> answer.putArray("MessageModelList").addObject().put("messageType", "INFO")
                        .put("messageCode", "ORDER_EXT_API_CONFIRM_ORDER_INFO_101").put("message", "OK");
                default -> {
                    return new ResponseDefinitionBuilder().withStatus(404).build();
                }
            }
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(answer.toString()).build();
        }

        /** The getOrder record (version 7) of an order at 29,800 yen a unit (ChannelApi's price). */
        static ObjectNode record(RmsOrder order) {
            long total = 29800L * order.units();
            ObjectNode o = ShopApi.JSON.createObjectNode().put("orderNumber", order.number()).put("orderProgress", 100)
                    .put("orderDatetime", RMS_TIME.format(order.placedAt().atZone(JST)))
                    .put("goodsPrice", total).put("postagePrice", 0).put("deliveryPrice", 0).put("paymentCharge", 0)
                    .put("totalPrice", total).put("requestPrice", total).put("couponAllTotalPrice", 0);
            o.putObject("OrdererModel").put("familyName", "楽天").put("firstName", "花子")
                    .put("emailAddress", "buyer-" + order.number() + "@pc.fw.rakuten.ne.jp");
            o.putObject("SettlementModel").put("settlementMethod", "クレジットカード");
            o.putObject("PointModel").put("usedPoint", 0);
            ObjectNode item = o.putArray("PackageModelList").addObject().putArray("ItemModelList").addObject()
                    .put("itemDetailId", order.number().hashCode() & 0xffffff).put("manageNumber", "MNG-" + order.sku())
                    .put("priceTaxIncl", 29800).put("price", 29800).put("units", order.units()).put("deleteItemFlag", 0);
            item.putArray("SkuModelList").addObject().put("variantId", order.sku()).put("merchantDefinedSkuId", order.sku());
            return o;
        }
    }
}
