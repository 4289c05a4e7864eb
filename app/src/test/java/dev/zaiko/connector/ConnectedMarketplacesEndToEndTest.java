package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Zaiko's channels connected through the REAL platform adapters (Amazon, Rakuten, Yahoo!, Shopify)
 * to WireMock stubs of those platforms on loopback: what a till sale, a burst of changes and a
 * platform's drift do, end to end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConnectedMarketplacesEndToEndTest {

    /** Timer granularity allowed when checking a platform's rate (ms logged by WireMock, ms waits). */
    static final long SLACK_MILLIS = 50;

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    ConnectorApiTest.Api api;
    ShopApi.Shop shop;
    PlatformStubs stubs;
    final Map<Platform, String> channels = new EnumMap<>(Platform.class);

    @BeforeEach
    void fourMarketplacesOnStubs() {
        api = new ConnectorApiTest.Api(port);
        shop = api.shop();
        stubs = new PlatformStubs();
        for (Platform p : PlatformStubs.PUSHED) {
            String code = ShopApi.unique("E2E-" + p.name());
            ObjectNode channel = ShopApi.JSON.createObjectNode().put("code", code).put("kind", "MARKETPLACE")
                    .put("name", p.name()).put("online", true);
            channel.putArray("locations").add(shop.store());
            api.ok(api.post("/api/channels", channel));
            channels.put(p, code);
        }
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        for (String code : channels.values()) api.delete("/api/channels/" + code + "/connector");
        stubs.close();
    }

    void connect(Platform p) {
        api.ok(api.put("/api/channels/" + channels.get(p) + "/connector", stubs.account(p)));
    }

    void map(Platform p, List<String> skus) {
        StringBuilder csv = null;
        for (String sku : skus) {
            Map<String, String> ids = stubs.identifiers(p, sku);
            if (csv == null) csv = new StringBuilder("sku," + String.join(",", ids.keySet()) + "\n");
            csv.append(sku).append(',').append(String.join(",", ids.values())).append('\n');
        }
        api.ok(api.csv("/api/channels/" + channels.get(p) + "/connector/items", csv.toString()));
    }

    static double rate(Platform p) {
        return switch (p) {
            case AMAZON -> 5.0;   // patchListingsItem usage plan
            case RAKUTEN -> 1.0;  // inventories.bulk.upsert
            case YAHOO -> 0.5;    // 50,000 a day and 1 query/s per URL
            case SHOPIFY -> 10.0; // REST-equivalent bucket restore
            default -> throw new IllegalArgumentException();
        };
    }

    static int burst(Platform p) {
        return switch (p) {
            case AMAZON -> 5;
            case RAKUTEN, YAHOO -> 1;
            case SHOPIFY -> 10;
            default -> throw new IllegalArgumentException();
        };
    }

    void assertEveryPlatformWithinItsRate() {
        for (Platform p : PlatformStubs.PUSHED) {
            List<java.time.Instant> times = stubs.pushes(p).stream().map(PlatformStubs.Push::at).toList();
            PlatformStubs.assertWithinRate(p.name(), times, rate(p), burst(p), SLACK_MILLIS);
        }
    }

    @Test
    void aTillSaleOfTheLastUnitReachesEveryConnectedMarketplaceAsZeroWithinItsRateLimit() {
        for (Platform p : PlatformStubs.PUSHED) {
            connect(p);
            JsonAssert.platformLimits(api.ok(api.get("/api/channels/" + channels.get(p) + "/connector")), rate(p), burst(p));
        }
        String sku = api.product("LAST");
        for (Platform p : PlatformStubs.PUSHED) map(p, List.of(sku));
        api.sellable(sku, shop.store(), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Platform p : PlatformStubs.PUSHED) {
                assertThat(stubs.shown(p).get(sku)).as("%s shows the one unit (unmatched: %s; feed %s)", p,
                        stubs.server(p).findAllUnmatchedRequests(), api.get("/api/channels/" + channels.get(p) + "/feed").body())
                        .isEqualTo(1);
            }
        });

        api.tillSale(shop.store(), sku, 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Platform p : PlatformStubs.PUSHED) {
                assertThat(stubs.shown(p).get(sku)).as("%s shows the SKU sold out", p).isEqualTo(0);
            }
        });
        assertEveryPlatformWithinItsRate();
    }

    /** The channel's feed: SKU → ATS, every page. */
    Map<String, Integer> feed(Platform p) {
        Map<String, Integer> ats = new java.util.HashMap<>();
        long after = 0;
        while (true) {
            tools.jackson.databind.JsonNode page = api.ok(api.get("/api/channels/" + channels.get(p) + "/feed?limit=500&after=" + after));
            for (tools.jackson.databind.JsonNode e : page.path("entries")) ats.put(e.path("sku").asString(), e.path("ats").intValue());
            if (page.path("entries").size() < 500) return ats;
            after = page.path("next").longValue();
        }
    }

    /** Runs the tasks on four threads (each task's own calls in order) and waits for all of them. */
    static void inParallel(List<Runnable> tasks) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> futures = tasks.stream().<java.util.concurrent.Future<?>>map(pool::submit).toList();
            for (java.util.concurrent.Future<?> f : futures) f.get(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Amazon takes one SKU per request at 5 a second: 200 SKUs would take 40 s, so Amazon's channel
     * maps only the first 40 (4 of them sold out), 8 s of pushing.
     */
    static final int AMAZON_SKUS = 40;

    @Test
    void aBurstOfAThousandChangesOnTwoHundredSkusIsPushedRiskFirstAndEndsWithEveryStubHoldingTheTrueValue() {
        stubs.down(); // before anything is connected: no push is accepted until every change is made
        for (Platform p : PlatformStubs.PUSHED) connect(p);
        List<String> skus = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        inParallel(java.util.stream.IntStream.range(0, 4).<Runnable>mapToObj(t -> () -> {
            for (int i = 0; i < 50; i++) skus.add(api.product("BURST"));
        }).toList());
        skus.sort(null);
        for (Platform p : PlatformStubs.PUSHED) map(p, p == Platform.AMAZON ? skus.subList(0, AMAZON_SKUS) : skus);

        // 1,000 changes: every SKU made sellable (200), then four till sales of one unit each (800);
        // every tenth SKU had only four units: sold out, at the safety floor
        Map<String, Integer> truth = new java.util.HashMap<>();
        List<String> soldOut = new java.util.ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            boolean out = i % 10 == 0;
            truth.put(skus.get(i), out ? 0 : 6);
            if (out) soldOut.add(skus.get(i));
        }
        inParallel(java.util.stream.IntStream.range(0, 4).<Runnable>mapToObj(t -> () -> {
            for (int i = t; i < skus.size(); i += 4) api.sellable(skus.get(i), shop.store(), truth.get(skus.get(i)) + 4);
        }).toList());
        // the feed coalesces a burst on one SKU: 0 → 4 → 0 at once would be no change at all
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(feed(Platform.RAKUTEN))
                .as("the sellable units in the feed").containsAllEntriesOf(skus.stream().collect(
                        java.util.stream.Collectors.toMap(sku -> sku, sku -> truth.get(sku) + 4))));
        inParallel(java.util.stream.IntStream.range(0, 4).<Runnable>mapToObj(t -> () -> {
            for (int i = t; i < skus.size(); i += 4) {
                for (int sale = 0; sale < 4; sale++) api.tillSale(shop.store(), skus.get(i), 1);
            }
        }).toList());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Platform p : PlatformStubs.PUSHED) {
                Map<String, Integer> feed = feed(p);
                for (String sku : skus) assertThat(feed.get(sku)).as("%s feed of %s", p, sku).isEqualTo(truth.get(sku));
            }
        });
        for (Platform p : PlatformStubs.PUSHED) {
            assertThat(stubs.pushes(p)).as("%s tried while down", p).isNotEmpty()
                    .allSatisfy(push -> assertThat(push.status()).isEqualTo(503));
        }

        stubs.accepting();
        // the senders wait their doubling retry wait on the application's clock: move it past the latest
        java.time.Instant latest = clock.instant();
        for (Platform p : PlatformStubs.PUSHED) {
            String next = api.ok(api.get("/api/channels/" + channels.get(p) + "/adapter")).path("nextAttemptAt").asString(null);
            if (next != null && java.time.Instant.parse(next).isAfter(latest)) latest = java.time.Instant.parse(next);
        }
        clock.advance(Duration.between(clock.instant(), latest).plusSeconds(1));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Platform p : PlatformStubs.PUSHED) {
                Map<String, Integer> shown = stubs.shown(p);
                for (String sku : p == Platform.AMAZON ? skus.subList(0, AMAZON_SKUS) : skus) {
                    assertThat(shown.get(sku)).as("%s holds the true value of %s", p, sku).isEqualTo(truth.get(sku));
                }
            }
        });

        for (Platform p : PlatformStubs.PUSHED) {
            List<PlatformStubs.Push> accepted = stubs.pushes(p).stream().filter(push -> push.status() / 100 == 2).toList();
            List<String> order = new java.util.ArrayList<>();
            if (p == Platform.AMAZON) {
                accepted.forEach(push -> order.addAll(push.quantities().keySet()));
            } else {
                order.addAll(accepted.get(0).quantities().keySet());
                assertThat(order).as("%s: the first accepted batch holds every SKU", p).hasSize(skus.size());
            }
            List<String> expected = p == Platform.AMAZON
                    ? soldOut.stream().filter(skus.subList(0, AMAZON_SKUS)::contains).toList() : soldOut;
            assertThat(order.subList(0, expected.size())).as("%s: the sold-out SKUs go first", p)
                    .containsExactlyInAnyOrderElementsOf(expected);
            if (p != Platform.AMAZON) {
                assertThat(accepted.get(0).quantities()).as("%s: every SKU's true value in the first batch", p)
                        .containsAllEntriesOf(truth);
            }
        }
    }

    /** The platforms whose adapter reads the stock back (Yahoo! cannot: it gets a full push instead). */
    static final List<Platform> READ_BACK = List.of(Platform.AMAZON, Platform.RAKUTEN, Platform.SHOPIFY);

    String connector(Platform p) {
        return "/api/channels/" + channels.get(p) + "/connector";
    }

    int queued(Platform p) {
        return api.ok(api.get("/api/channels/" + channels.get(p) + "/adapter")).path("queued").intValue();
    }

    long zerosReceived(Platform p, String sku) {
        return stubs.pushes(p).stream().filter(push -> push.status() / 100 == 2)
                .filter(push -> Integer.valueOf(0).equals(push.quantities().get(sku))).count();
    }

    @Test
    void aPlatformThatShowsFiveWhenZaikoSaysZeroIsFoundListedAndSentZeroAgainThroughItsRealReadBack() {
        Map<Platform, String> skus = new EnumMap<>(Platform.class);
        for (Platform p : READ_BACK) {
            connect(p);
            String sku = api.product("DRIFT-" + p.name());
            skus.put(p, sku);
            map(p, List.of(sku));
            api.sellable(sku, shop.store(), 2);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Platform p : READ_BACK) {
                assertThat(stubs.shown(p).get(skus.get(p))).as("%s shows the two units", p).isEqualTo(2);
            }
        });
        for (Platform p : READ_BACK) api.tillSale(shop.store(), skus.get(p), 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Platform p : READ_BACK) {
                assertThat(stubs.shown(p).get(skus.get(p))).as("%s shows the SKU sold out", p).isEqualTo(0);
                assertThat(queued(p)).as("%s has nothing left to push", p).isZero();
            }
        });

        for (Platform p : READ_BACK) {
            String sku = skus.get(p);
            stubs.showing(p, sku, 5); // someone set 5 on the platform by hand
            long zerosBefore = zerosReceived(p, sku);

            tools.jackson.databind.JsonNode check = api.ok(api.post(connector(p) + "/drift-check"));
            assertThat(check.path("error").isNull()).as("%s read back without error: %s", p, check).isTrue();
            assertThat(check.path("compared").intValue()).as("%s compared", p).isEqualTo(1);
            assertThat(check.path("found")).as("%s drift found", p).hasSize(1);
            assertThat(check.path("found").get(0).path("sku").asString()).isEqualTo(sku);
            assertThat(check.path("found").get(0).path("shown").intValue()).isEqualTo(5);
            assertThat(check.path("found").get(0).path("trueValue").intValue()).isEqualTo(0);

            tools.jackson.databind.JsonNode report = api.ok(api.get(connector(p) + "/drift"));
            assertThat(report).as("%s drift report", p).hasSize(1);
            assertThat(report.get(0).path("sku").asString()).isEqualTo(sku);
            assertThat(report.get(0).path("shown").intValue()).isEqualTo(5);
            assertThat(report.get(0).path("trueValue").intValue()).isEqualTo(0);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(zerosReceived(p, sku)).as("%s received 0 again", p).isGreaterThan(zerosBefore);
                assertThat(api.ok(api.get(connector(p) + "/drift")).get(0).path("correctedAt").isString())
                        .as("%s drift marked corrected", p).isTrue();
            });

            stubs.showing(p, sku, 0); // the platform took the 0
            assertThat(api.ok(api.post(connector(p) + "/drift-check")).path("found")).as("%s healed", p).isEmpty();
        }
        assertEveryPlatformWithinItsRate();
    }

    /** What GET …/connector says of the platform's documented limits. */
    static final class JsonAssert {
        static void platformLimits(tools.jackson.databind.JsonNode view, double rate, int burst) {
            assertThat(view.path("limits").path("requestsPerSecond").doubleValue()).isEqualTo(rate);
            assertThat(view.path("limits").path("burst").intValue()).isEqualTo(burst);
        }
    }
}
