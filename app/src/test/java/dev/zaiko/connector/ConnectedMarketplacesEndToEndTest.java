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
