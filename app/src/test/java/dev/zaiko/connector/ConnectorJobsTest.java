package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The scheduled drift check: it runs by itself every zaiko.connector.drift-interval, on the application's clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConnectorJobsTest {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    ConnectorProperties properties;

    /** The platform in memory stands in for the real Shopify adapter (as in ConnectorApiTest: one context). */
    @TestBean(name = "shopifyConnector", methodName = "dev.zaiko.connector.FakePlatform#fakeShopify")
    PlatformConnector platform;

    ConnectorApiTest.Api api;
    String channel;

    @AfterEach
    void disconnect() {
        clock.reset();
        if (api != null) api.delete("/api/channels/" + channel + "/connector");
    }

    @Test
    void onceTheDriftIntervalHasPassedTheDriftCheckRunsByItselfAndHealsThePlatform() {
        api = new ConnectorApiTest.Api(port);
        ShopApi.Shop shop = api.shop();
        channel = shop.marketplace();
        String path = "/api/channels/" + channel + "/connector";
        ObjectNode account = ShopApi.JSON.createObjectNode().put("platform", "SHOPIFY").put("sandbox", true);
        account.putObject("settings").put("shopDomain", "example.myshopify.com");
        account.putObject("credentials").put("accessToken", "shpat_good");
        api.ok(api.put(path, account));
        String sku = api.product("SCHED");
        api.ok(api.put(path + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("inventoryItemId", "gid://shopify/InventoryItem/" + sku))));
        api.sellable(sku, shop.store(), 5);
        FakePlatform.Shop platform = FakePlatform.shop(channel);
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(5).equals(platform.shown.get(sku))
                && api.ok(api.get("/api/channels/" + channel + "/adapter")).path("queued").intValue() == 0);

        // a run now, so the next one is one interval away on the application's clock
        Jobs.runRecurring(jobs, clock, FindingDrift.TASK);
        platform.shown.put(sku, 9); // someone edited the stock on the platform by hand
        assertThat(api.ok(api.get(path + "/drift"))).as("nobody asked for a check").isEmpty();

        clock.advance(properties.driftInterval().plusSeconds(1));
        await("the scheduled drift check").atMost(Jobs.BOUND).until(() -> !api.ok(api.get(path + "/drift")).isEmpty());
        JsonNode found = api.ok(api.get(path + "/drift")).get(0);
        assertThat(found.path("sku").asString()).isEqualTo(sku);
        assertThat(found.path("shown").intValue()).isEqualTo(9);
        assertThat(found.path("trueValue").intValue()).isEqualTo(5);
        await("the correction").atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(5).equals(platform.shown.get(sku)));
        assertThat(api.ok(api.get(path)).path("health").path("lastDriftCheckAt").isString()).isTrue();
    }
}
