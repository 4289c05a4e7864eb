package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The channel feed and webhooks: one stock truth pushed to every channel. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChannelSyncApiTest {

    static final String SECRET = "a-secret-of-32-characters-000000";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChannelSyncProperties properties;

    ChannelApi api;
    ShopApi.Shop shop;

    @AfterEach
    void removeWebhooks() {
        // the receivers are gone: their endpoints would be retried for the rest of the suite
        for (String channel : List.of(shop.marketplace(), shop.web())) {
            for (JsonNode hook : api.ok(api.get("/api/channels/" + channel + "/webhooks"))) {
                api.delete("/api/channels/" + channel + "/webhooks/" + hook.path("id").asString());
            }
        }
    }

    @BeforeEach
    void clientAndShop() {
        api = new ChannelApi(port);
        shop = api.shop();
    }

    JsonNode webhook(String channel, String url) {
        return api.ok(api.post("/api/channels/" + channel + "/webhooks",
                ShopApi.JSON.createObjectNode().put("url", url).put("secret", SECRET)));
    }

    /** The SKU's entry in the channel's feed, or null. */
    JsonNode feedEntry(String channel, String sku) {
        for (JsonNode e : api.ok(api.get("/api/channels/" + channel + "/feed?after=0&limit=1000")).path("entries")) {
            if (e.path("sku").asString().equals(sku)) return e;
        }
        return null;
    }

    static JsonNode last(List<JsonNode> entries) {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    @Test
    void aTillSaleOfTheLastUnitReachesTheMarketplaceFeedAndItsWebhookSigned() throws Exception {
        String sku = api.product("SYNC");
        api.sellable(sku, shop.store(), 1);
        try (Receiver receiver = Receiver.ok()) {
            JsonNode hook = webhook(shop.marketplace(), receiver.url());
            assertThat(hook.has("secret")).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), sku) != null);
            assertThat(feedEntry(shop.marketplace(), sku).path("level").asString()).isEqualTo("LOW");
            assertThat(feedEntry(shop.marketplace(), sku).path("ats").intValue()).isEqualTo(1);

            api.tillSale(shop.store(), sku, 1);

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    "OUT_OF_STOCK".equals(feedEntry(shop.marketplace(), sku).path("level").asString()));
            JsonNode entry = feedEntry(shop.marketplace(), sku);
            assertThat(entry.path("ats").intValue()).isZero();
            assertThat(entry.path("channel").asString()).isEqualTo(shop.marketplace());
            assertThat(entry.path("seq").longValue()).isPositive();
            assertThat(java.time.Instant.parse(entry.path("changedAt").asString())).isNotNull();
            assertThat(feedEntry(shop.web(), sku).path("level").asString()).as("the web shop shares the shelf")
                    .isEqualTo("OUT_OF_STOCK");

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode got = last(receiver.entries(sku, true));
                return got != null && got.path("level").asString().equals("OUT_OF_STOCK");
            });
            JsonNode delivered = last(receiver.entries(sku, true));
            assertThat(delivered.path("ats").intValue()).isZero();
            assertThat(delivered.path("channel").asString()).isEqualTo(shop.marketplace());
            assertThat(delivered.path("seq").longValue()).isEqualTo(entry.path("seq").longValue());
            Receiver.Request request = receiver.accepted().get(receiver.accepted().size() - 1);
            assertThat(request.deliveryId()).isNotBlank();
            assertThat(request.json().path("channel").asString()).isEqualTo(shop.marketplace());
            assertValidSignature(request);

            await().atMost(Duration.ofSeconds(10)).until(() -> api.ok(api.get("/api/channels/" + shop.marketplace()
                    + "/webhooks")).get(0).path("cursor").longValue() >= entry.path("seq").longValue());
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    meters.timer("zaiko.channel.propagation", "stage", "webhook").count() > 0);
            JsonNode listed = api.ok(api.get("/api/channels/" + shop.marketplace() + "/webhooks")).get(0);
            assertThat(listed.path("failures").intValue()).isZero();
            assertThat(listed.toString()).doesNotContain(SECRET);
        }
    }

    static void assertValidSignature(Receiver.Request request) {
        String header = request.signature();
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        javax.crypto.Mac mac;
        try {
            mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        String expected = java.util.HexFormat.of().formatHex(
                mac.doFinal((t + "." + request.body()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(v1).isEqualTo(expected);
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t));
        assertThat(age).isLessThan(300);
    }

    @Test
    void aThousandRapidChangesOfOneSkuGiveFarFewerDeliveriesTheLastOneRight() throws Exception {
        String sku = api.product("BURST");
        api.sellable(sku, shop.store(), 1000);
        try (Receiver receiver = Receiver.ok()) {
            webhook(shop.marketplace(), receiver.url());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode got = last(receiver.entries(sku, true));
                return got != null && got.path("ats").intValue() == 1000;
            });
            int before = receiver.entries(sku, true).size();

            long started = System.nanoTime();
            ExecutorService tills = Executors.newFixedThreadPool(4);
            try {
                List<CompletableFuture<Void>> sales = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    sales.add(CompletableFuture.runAsync(() -> api.tillSale(shop.store(), sku, 1), tills));
                }
                CompletableFuture.allOf(sales.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            } finally {
                tills.shutdownNow();
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode got = last(receiver.entries(sku, true));
                return got.path("ats").intValue() == 0 && got.path("level").asString().equals("OUT_OF_STOCK");
            });
            long elapsed = (System.nanoTime() - started) / 1_000_000L;
            List<JsonNode> burst = receiver.entries(sku, true).subList(before, receiver.entries(sku, true).size());
            // at most one entry of a SKU per feed-writer round, and rounds are a coalescing wait apart
            assertThat(burst.size()).as("deliveries of 1,000 changes in " + elapsed + "ms")
                    .isLessThanOrEqualTo((int) (elapsed / properties.coalesce().toMillis()) + 2)
                    .isLessThan(500);
            assertIncreasing(burst);
            JsonNode entry = feedEntry(shop.marketplace(), sku);
            assertThat(entry.path("ats").intValue()).isZero();
            assertThat(entry.path("level").asString()).isEqualTo("OUT_OF_STOCK");
        }
    }

    static void assertIncreasing(List<JsonNode> entries) {
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).path("seq").longValue()).as("seq of delivery " + i)
                    .isGreaterThan(entries.get(i - 1).path("seq").longValue());
            assertThat(entries.get(i).path("ats").intValue()).as("ats never comes back after a sale")
                    .isLessThanOrEqualTo(entries.get(i - 1).path("ats").intValue());
        }
    }

    @Test
    void retriesNeverDeliverAnOlderValueAfterANewerOne() throws Exception {
        String sku = api.product("RETRY");
        api.sellable(sku, shop.store(), 5);
        try (Receiver receiver = new Receiver(3, false)) {
            JsonNode hook = webhook(shop.marketplace(), receiver.url());
            for (int sold = 1; sold <= 5; sold++) {
                int seen = receiver.requests().size();
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() > seen);
                api.tillSale(shop.store(), sku, 1);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode got = last(receiver.entries(sku, true));
                return got != null && got.path("level").asString().equals("OUT_OF_STOCK");
            });
            assertThat(receiver.requests().stream().filter(r -> r.answered() == 500).count()).isEqualTo(3);
            List<JsonNode> all = receiver.entries(sku, false);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).path("seq").longValue()).as("attempt " + i + " never goes back")
                        .isGreaterThanOrEqualTo(all.get(i - 1).path("seq").longValue());
            }
            assertIncreasing(receiver.entries(sku, true));
            assertThat(last(receiver.entries(sku, true)).path("ats").intValue()).isZero();
            String id = hook.path("id").asString();
            await().atMost(Duration.ofSeconds(10)).until(() -> api.ok(api.get("/api/channels/" + shop.marketplace()
                    + "/webhooks/" + id)).path("failures").intValue() == 0);
            assertThat(api.ok(api.get("/api/channels/" + shop.marketplace() + "/webhooks/" + id))
                    .path("lastError").isNull()).isTrue();
        }
    }

    @Test
    void receiversThatHangDoNotHoldUpTheOtherEndpointsOfTheirChannelOrOfAnother() throws Exception {
        String sku = api.product("DEAD");
        api.sellable(sku, shop.store(), 3);
        try (Receiver hung1 = new Receiver(0, true); Receiver hung2 = new Receiver(0, true);
             Receiver hung3 = new Receiver(0, true); Receiver alive = Receiver.ok(); Receiver web = Receiver.ok()) {
            List<Receiver> hung = List.of(hung1, hung2, hung3);
            List<String> hungIds = new ArrayList<>();
            for (Receiver h : hung) hungIds.add(webhook(shop.marketplace(), h.url()).path("id").asString());
            webhook(shop.marketplace(), alive.url());
            webhook(shop.web(), web.url());
            // each hung receiver holds a request of Zaiko's open, and answers none until the test ends
            await().atMost(Duration.ofSeconds(10)).until(() -> hung.stream().allMatch(h -> h.arrivals() > 0));

            api.tillSale(shop.store(), sku, 3);
            for (Receiver r : List.of(alive, web)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    JsonNode got = last(r.entries(sku, true));
                    return got != null && got.path("level").asString().equals("OUT_OF_STOCK");
                });
            }
            // and they got it while Zaiko still waited for the hung ones (the request timeout is 10 s): not
            // after giving up on them, nor by skipping them
            assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
            for (String id : hungIds) {
                JsonNode hook = api.ok(api.get("/api/channels/" + shop.marketplace() + "/webhooks/" + id));
                assertThat(hook.path("failures").intValue()).as("hung endpoint " + id + " not yet timed out").isZero();
            }
            assertThat(hung.stream().mapToInt(Receiver::arrivals).sum()).isEqualTo(3);
        }
    }

    @Test
    void aLongPollReturnsWhenTheNextChangeIsWritten() throws Exception {
        String sku = api.product("POLL");
        api.sellable(sku, shop.store(), 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), sku) != null);
        long next = api.ok(api.get("/api/channels/" + shop.marketplace() + "/feed?after=0&limit=1000"))
                .path("next").longValue();
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() -> api.ok(api.get(
                "/api/channels/" + shop.marketplace() + "/feed?after=" + next + "&wait=20s")));
        api.tillSale(shop.store(), sku, 2);
        JsonNode page = poll.get(15, TimeUnit.SECONDS);
        assertThat(page.path("entries").size()).isEqualTo(1);
        assertThat(page.path("entries").get(0).path("sku").asString()).isEqualTo(sku);
        assertThat(page.path("entries").get(0).path("level").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(page.path("next").longValue()).isEqualTo(page.path("entries").get(0).path("seq").longValue());
        JsonNode empty = api.ok(api.get("/api/channels/" + shop.marketplace() + "/feed?after="
                + page.path("next").longValue() + "&wait=100ms"));
        assertThat(empty.path("entries").size()).isZero();
        assertThat(empty.path("next").longValue()).isEqualTo(page.path("next").longValue());
    }

    @Test
    void aReservationAndItsReleaseReachTheFeedFromTheEngine() {
        String sku = api.product("ENGINE");
        api.sellable(sku, shop.store(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), sku) != null);
        long before = feedEntry(shop.marketplace(), sku).path("seq").longValue();

        String id = api.ok(api.post("/api/reservations", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("sku", sku).put("quantity", 1).put("holder", "WEB-1"))).path("id").asString();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "OUT_OF_STOCK".equals(feedEntry(shop.marketplace(), sku).path("level").asString()));
        assertThat(feedEntry(shop.marketplace(), sku).path("seq").longValue()).isGreaterThan(before);
        assertThat(feedEntry(shop.till(), sku).path("ats").intValue()).isZero();

        api.ok(api.post("/api/reservations/" + id + "/release"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                feedEntry(shop.marketplace(), sku).path("ats").intValue() == 1);
        assertThat(feedEntry(shop.marketplace(), sku).path("level").asString()).isEqualTo("LOW");
        assertThat(feedEntry(shop.web(), sku).path("ats").intValue()).isEqualTo(1);
    }

    @Test
    void aChangeThatMovesNoChannelsValueAddsNoEntryAndTheDelayIsMeasured() {
        String quiet = api.product("QUIET");
        String marker = api.product("MARKER");
        api.sellable(quiet, shop.store(), 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), quiet) != null);
        long seq = feedEntry(shop.marketplace(), quiet).path("seq").longValue();
        long measured = meters.timer("zaiko.channel.propagation", "stage", "feed").count();

        // units still being inspected are not for sale: no channel's value moves
        api.ok(api.post("/api/stock/receipts", ShopApi.JSON.createObjectNode().put("sku", quiet)
                .put("location", shop.store()).put("quantity", 5)));
        // marked after it, so once the marker's entry is written the quiet SKU was computed too
        api.sellable(marker, shop.store(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), marker) != null);

        assertThat(feedEntry(shop.marketplace(), quiet).path("seq").longValue()).isEqualTo(seq);
        assertThat(feedEntry(shop.marketplace(), quiet).path("ats").intValue()).isEqualTo(3);
        assertThat(meters.timer("zaiko.channel.propagation", "stage", "feed").count()).isGreaterThan(measured);
    }

    @Test
    void aDatedInboundShowsBackorderAndADiscontinuationTakesItAway() {
        String sku = ShopApi.unique("BACK");
        ObjectNode body = ShopApi.JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("backorderable", true);
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        api.ok(api.post("/api/products", body));

        api.inbound(sku, shop.store(), 4, ShopApi.today().plusDays(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), sku) != null);
        assertThat(feedEntry(shop.marketplace(), sku).path("level").asString()).isEqualTo("BACKORDER");
        assertThat(feedEntry(shop.marketplace(), sku).path("ats").intValue()).isZero();

        api.ok(api.post("/api/products/" + sku + "/discontinue"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "OUT_OF_STOCK".equals(feedEntry(shop.marketplace(), sku).path("level").asString()));
    }

    @Test
    void aMarkLeftBehindWithoutAWakeUpIsPickedUpByThePoll() {
        String sku = api.product("CRASH");
        api.sellable(sku, shop.store(), 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), sku) != null);
        // as after a crash between a change's commit and the feed writer's round: the entry is
        // missing and only the durable mark tells; nothing wakes the writer
        jdbc.update("delete from channel_feed where sku = ?", sku);
        jdbc.update("insert into channel_dirty (sku, mark, marked_at) values (?, nextval('channel_dirty_mark'), now())",
                sku);

        await().atMost(Duration.ofSeconds(5)).until(() -> feedEntry(shop.marketplace(), sku) != null);
        assertThat(feedEntry(shop.marketplace(), sku).path("ats").intValue()).isEqualTo(2);
    }

    @Test
    void theFeedIsReadPageByPageAfterACursor() {
        String first = api.product("PAGE");
        String second = api.product("PAGE");
        String feed = "/api/channels/" + shop.marketplace() + "/feed";
        // the feed is written after each change commits, SKU by SKU: the second change waits for the
        // first's entry, so the two entries are in the feed in that order
        api.sellable(first, shop.store(), 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), first) != null);
        api.sellable(second, shop.store(), 6);
        await().atMost(Duration.ofSeconds(10)).until(() -> feedEntry(shop.marketplace(), second) != null);

        JsonNode page1 = api.ok(api.get(feed + "?after=0&limit=1"));
        assertThat(page1.path("channel").asString()).isEqualTo(shop.marketplace());
        assertThat(page1.path("entries").size()).isEqualTo(1);
        assertThat(page1.path("entries").get(0).path("sku").asString()).isEqualTo(first);
        assertThat(page1.path("entries").get(0).path("ats").intValue()).isEqualTo(5);
        assertThat(page1.path("entries").get(0).path("level").asString()).isEqualTo("IN_STOCK");
        JsonNode page2 = api.ok(api.get(feed + "?after=" + page1.path("next").longValue() + "&limit=1"));
        assertThat(page2.path("entries").size()).isEqualTo(1);
        assertThat(page2.path("entries").get(0).path("sku").asString()).isEqualTo(second);
        assertThat(page2.path("next").longValue()).isGreaterThan(page1.path("next").longValue());
        JsonNode page3 = api.ok(api.get(feed + "?after=" + page2.path("next").longValue()));
        assertThat(page3.path("entries").size()).isZero();
        assertThat(page3.path("next").longValue()).isEqualTo(page2.path("next").longValue());
    }

    @Test
    void webhooksAreCheckedListedAndDeleted() {
        String path = "/api/channels/" + shop.marketplace() + "/webhooks";
        assertThat(api.post(path, ShopApi.JSON.createObjectNode().put("url", "ftp://example.com/x")
                .put("secret", SECRET)).status()).isEqualTo(400);
        assertThat(api.post(path, ShopApi.JSON.createObjectNode().put("url", "/relative")
                .put("secret", SECRET)).status()).isEqualTo(400);
        assertThat(api.post(path, ShopApi.JSON.createObjectNode().put("url", "https://example.com/hook")
                .put("secret", "short")).status()).isEqualTo(400);
        assertThat(api.post("/api/channels/NO-SUCH-CHANNEL/webhooks", ShopApi.JSON.createObjectNode()
                .put("url", "https://example.com/hook").put("secret", SECRET)).status()).isEqualTo(404);
        assertThat(api.get("/api/channels/NO-SUCH-CHANNEL/feed").status()).isEqualTo(404);
        assertThat(api.get("/api/channels/" + shop.marketplace() + "/feed?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/channels/" + shop.marketplace() + "/feed?wait=forever").status()).isEqualTo(400);
        assertThat(api.get("/api/channels/" + shop.marketplace() + "/feed?wait=31s").status()).isEqualTo(400);

        ShopApi.Response created = api.post(path, ShopApi.JSON.createObjectNode()
                .put("url", "https://example.invalid/hook").put("secret", SECRET));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.location()).endsWith("/webhooks/" + id);
        assertThat(created.json().path("url").asString()).isEqualTo("https://example.invalid/hook");
        assertThat(created.json().path("cursor").longValue()).isZero();
        assertThat(java.time.Instant.parse(created.json().path("createdAt").asString())).isNotNull();
        assertThat(created.json().has("secret")).isFalse();
        assertThat(api.ok(api.get(path)).size()).isEqualTo(1);

        assertThat(api.delete(path + "/" + id).status()).isEqualTo(204);
        assertThat(api.ok(api.get(path)).size()).isZero();
        assertThat(api.delete(path + "/" + id).status()).isEqualTo(404);
    }
}
