package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Marketplace adapters: rate-limited pushes, riskiest SKUs first, the safety floor at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MarketplaceAdapterApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    ChannelApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new ChannelApi(port);
        shop = api.shop();
    }

    @AfterEach
    void removeAdapter() {
        api.delete("/api/channels/" + shop.marketplace() + "/adapter");
    }

    Map<String, Integer> feedAts() {
        Map<String, Integer> ats = new java.util.HashMap<>();
        for (JsonNode e : api.ok(api.get("/api/channels/" + shop.marketplace() + "/feed?after=0&limit=1000"))
                .path("entries")) {
            ats.put(e.path("sku").asString(), e.path("ats").intValue());
        }
        return ats;
    }

    JsonNode adapter(String marketplace, String url, double rate, int batch, int floor) {
        return api.ok(api.put("/api/channels/" + shop.marketplace() + "/adapter", ShopApi.JSON.createObjectNode()
                .put("marketplace", marketplace).put("url", url).put("requestsPerSecond", rate).put("batch", batch)
                .put("safetyFloor", floor)));
    }

    @Test
    void withASlowMarketplaceTheLowAtsFastSellersArePushedFirstAndTheSafetyFloorPushesZeroAtOnce() throws Exception {
        List<String> steady = new ArrayList<>();
        for (int i = 0; i < 20; i++) steady.add(api.product("STEADY"));
        List<String> fast = new ArrayList<>();
        for (int i = 0; i < 3; i++) fast.add(api.product("FAST"));
        String floor = api.product("FLOOR");
        List<String> all = new ArrayList<>(steady);
        all.addAll(fast);
        all.add(floor);
        for (String sku : all) api.sellable(sku, shop.store(), 40);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Map<String, Integer> ats = feedAts();
            return all.stream().allMatch(s -> Integer.valueOf(40).equals(ats.get(s)));
        });

        try (MarketplaceReceiver rakuten = new MarketplaceReceiver(50)) {
            JsonNode set = adapter("RAKUTEN", rakuten.url(), 5, 5, 1);
            assertThat(set.path("marketplace").asString()).isEqualTo("RAKUTEN");
            assertThat(set.path("requestsPerSecond").doubleValue()).isEqualTo(5.0);

            // catching up: every SKU's current value, 5 a push, 5 pushes a second
            await().atMost(Duration.ofSeconds(15)).until(() -> rakuten.latest().keySet().containsAll(all));
            assertThat(rakuten.latest().values()).containsOnly(40);

            // the marketplace gets stuck on one push: everything after it queues behind the rate limit
            int before = rakuten.pushes().size();
            rakuten.holdNext();
            api.tillSale(shop.store(), steady.get(0), 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> rakuten.pushes().size() == before + 1);

            for (String sku : steady.subList(1, steady.size())) api.tillSale(shop.store(), sku, 1);   // 39 left, 1 sold
            for (String sku : fast) api.tillSale(shop.store(), sku, 38);                             // 2 left, 38 sold
            api.tillSale(shop.store(), floor, 39);                                                   // 1 left: the safety floor
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                Map<String, Integer> ats = feedAts();
                return steady.stream().allMatch(s -> Integer.valueOf(39).equals(ats.get(s)))
                        && fast.stream().allMatch(s -> Integer.valueOf(2).equals(ats.get(s)))
                        && Integer.valueOf(1).equals(ats.get(floor));
            });
            rakuten.release();

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Map<String, Integer> latest = rakuten.latest();
                return steady.stream().allMatch(s -> Integer.valueOf(39).equals(latest.get(s)));
            });
            List<MarketplaceReceiver.Push> after = rakuten.pushes().subList(before + 1, rakuten.pushes().size());
            List<String> first = MarketplaceReceiver.items(after.get(0));
            assertThat(first.get(0)).as("the safety floor goes first, as 0").isEqualTo(floor + "=0");
            assertThat(first.subList(1, 4)).as("then the fast sellers with little left")
                    .containsExactlyInAnyOrder(fast.get(0) + "=2", fast.get(1) + "=2", fast.get(2) + "=2");
            assertThat(first).hasSize(5);
            for (MarketplaceReceiver.Push p : after.subList(1, after.size())) {
                assertThat(MarketplaceReceiver.items(p)).as("steady sellers only after the risky ones")
                        .allMatch(i -> steady.stream().anyMatch(i::startsWith));
            }
            // the rate limit itself (one push a token, no bursts) is proven on a stopped clock in AdapterNodeTest
            JsonNode status = api.ok(api.get("/api/channels/" + shop.marketplace() + "/adapter"));
            await().atMost(Duration.ofSeconds(5)).until(() -> api.ok(api.get("/api/channels/" + shop.marketplace()
                    + "/adapter")).path("queued").intValue() == 0);
            assertThat(status.path("failures").intValue()).isZero();
            assertThat(status.path("heldBy").asString()).as("this instance holds the channel's lease").isNotBlank();
            assertThat(meters.get("zaiko.channel.adapter.pushes").tag("channel", shop.marketplace())
                    .tag("outcome", "ok").counter().count()).isEqualTo(rakuten.pushes().size());
            assertThat(meters.get("zaiko.channel.adapter.items").tag("channel", shop.marketplace()).counter().count())
                    .isEqualTo(rakuten.pushes().stream().mapToInt(p -> MarketplaceReceiver.items(p).size()).sum());
            assertThat(meters.get("zaiko.channel.adapter.queue").tag("channel", shop.marketplace()).gauge().value())
                    .isZero();
        }
    }

    @Test
    void aSkuAtTheSafetyFloorIsPushedAsZeroFirst() throws Exception {
        String slow = api.product("SLOWSELL");
        String last = api.product("LASTONES");
        api.sellable(slow, shop.store(), 40);
        api.sellable(last, shop.store(), 5);
        try (MarketplaceReceiver yahoo = new MarketplaceReceiver(0)) {
            // a tenth of a request a second: an ordinary change would wait up to 10s for its push
            adapter("YAHOO", yahoo.url(), 0.1, 1000, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> yahoo.pushes().size() == 1);

            api.tillSale(shop.store(), slow, 1);
            api.tillSale(shop.store(), last, 2); // 3 left: at the floor of 3

            // The timeout only bounds the wait and says nothing about speed (it is longer than a token):
            // that the floor does not wait for the rate limit is proven on a stopped clock in AdapterNodeTest.
            await().atMost(Duration.ofSeconds(15)).until(() -> yahoo.pushes().size() == 2);
            JsonNode items = yahoo.pushes().get(1).json().path("items");
            assertThat(items.get(0).path("item_code").asString()).isEqualTo(last);
            assertThat(items.get(0).path("quantity").intValue()).isZero();
        }
    }

    @Test
    void anUnknownMarketplaceOrABadRateIsRefused() {
        var unknown = api.put("/api/channels/" + shop.marketplace() + "/adapter", ShopApi.JSON.createObjectNode()
                .put("marketplace", "EBAY").put("url", "http://127.0.0.1:1/x"));
        assertThat(unknown.status()).isEqualTo(400);
        var rate = api.put("/api/channels/" + shop.marketplace() + "/adapter", ShopApi.JSON.createObjectNode()
                .put("marketplace", "AMAZON").put("url", "http://127.0.0.1:1/x").put("requestsPerSecond", 0));
        assertThat(rate.status()).isEqualTo(400);
        JsonNode amazon = api.ok(api.put("/api/channels/" + shop.marketplace() + "/adapter",
                ShopApi.JSON.createObjectNode().put("marketplace", "amazon").put("url", "http://127.0.0.1:1/x")));
        assertThat(amazon.path("requestsPerSecond").doubleValue()).as("Amazon's published limit").isEqualTo(5.0);
        assertThat(amazon.path("batch").intValue()).isEqualTo(1);
        assertThat(amazon.path("safetyFloor").intValue()).isZero();
    }
}
