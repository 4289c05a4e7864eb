package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Large pushes through a platform's bulk path (the in-memory platform with {@code bulk=true}, as
 * Amazon's listings feed): the drift repair above zaiko.connector.bulk-threshold (3 in tests) and the
 * full push, followed by the connector-bulk-push job until the platform has processed them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BulkPushApiTest {

    static final Duration BOUND = Duration.ofSeconds(30);

    /** The platform in memory stands in for the real Shopify adapter (as in ConnectorApiTest: one context). */
    @TestBean(name = "shopifyConnector", methodName = "dev.zaiko.connector.FakePlatform#fakeShopify")
    PlatformConnector platform;

    @LocalServerPort
    int port;

    @Autowired
    JobScheduler jobs;

    @Autowired
    MovableClock clock;

    @Autowired
    ConnectorProperties properties;

    ConnectorApiTest.Api api;
    ShopApi.Shop shop;
    String channel;
    FakePlatform.Shop onPlatform;

    @BeforeEach
    void marketplace() {
        api = new ConnectorApiTest.Api(port);
        shop = api.shop();
        channel = shop.marketplace();
        onPlatform = FakePlatform.shop(channel);
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        api.delete(path());
    }

    String path() {
        return "/api/channels/" + channel + "/connector";
    }

    void connect(boolean bulk) {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SHOPIFY").put("sandbox", true);
        ObjectNode settings = body.putObject("settings").put("shopDomain", "example.myshopify.com");
        if (bulk) settings.put("bulk", "true");
        body.putObject("credentials").put("accessToken", "shpat_bulk");
        api.ok(api.put(path(), body));
    }

    /** SKUs mapped, made sellable, and shown on the platform with their value, nothing left queued. */
    List<String> pushed(String prefix, int count, int units) {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sku = api.product(prefix);
            api.ok(api.put(path() + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                    ShopApi.JSON.createObjectNode().put("inventoryItemId", "gid://shopify/InventoryItem/" + sku))));
            api.sellable(sku, shop.store(), units);
            skus.add(sku);
        }
        await("the platform shows every value").atMost(BOUND).until(() -> skus.stream()
                .allMatch(s -> Integer.valueOf(units).equals(onPlatform.shown.get(s)))
                && api.ok(api.get("/api/channels/" + channel + "/adapter")).path("queued").intValue() == 0);
        return skus;
    }

    /** Runs the bulk push's next look now instead of after its wait, and waits until that look was made. */
    void lookNow(long id) {
        int before = onPlatform.bulkLooks.size();
        TaskInstanceId execution = TaskInstanceId.of(PushingInBulk.TASK, String.valueOf(id));
        // a look already due (the test moved the clock past it) may be taken by the scheduler itself first
        await("the look at bulk push " + id).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> onPlatform.bulkLooks.size() > before || jobs.runNow(execution));
        await("look " + (before + 1)).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> onPlatform.bulkLooks.size() > before);
    }

    JsonNode bulkPush(long id) {
        for (JsonNode b : api.ok(api.get(path())).path("bulkPushes")) {
            if (b.path("id").longValue() == id) return b;
        }
        throw new AssertionError("no bulk push " + id + " in the connector's answer");
    }

    void awaitStatus(long id, String status) {
        await("bulk push " + id + " " + status).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(bulkPush(id).path("status").asString()));
    }

    long requestsWith(String sku) {
        return onPlatform.requests.stream().filter(r -> r.stream().anyMatch(u -> u.sku().equals(sku))).count();
    }

    @Test
    void aDriftCheckWithManyDifferencesSubmitsOneBulkPushAndNoOlderValueStaysAfterANewerOne() {
        connect(true);
        List<String> skus = pushed("BULK", 5, 4);
        String changed = skus.get(0);
        String refused = skus.get(1);
        String untouched = skus.get(2);
        skus.forEach(s -> onPlatform.shown.put(s, 9)); // someone edited every stock on the platform by hand

        JsonNode check = api.ok(api.post(path() + "/drift-check"));
        assertThat(check.path("found")).hasSize(5);
        assertThat(check.path("bulkPushes")).as("one bulk push, not five updates").hasSize(1);
        long id = check.path("bulkPushes").get(0).longValue();
        assertThat(onPlatform.bulkSubmissions).hasSize(1);
        List<PlatformClient.QuantityUpdate> submitted = onPlatform.bulkSubmissions.values().iterator().next();
        assertThat(submitted).extracting(PlatformClient.QuantityUpdate::sku).containsExactlyInAnyOrderElementsOf(skus);
        assertThat(submitted).allMatch(u -> u.quantity() == 4);
        JsonNode open = bulkPush(id);
        assertThat(open.path("status").asString()).isEqualTo("SUBMITTED");
        assertThat(open.path("purpose").asString()).isEqualTo("DRIFT");
        assertThat(open.path("items").intValue()).isEqualTo(5);
        assertThat(api.ok(api.post(path() + "/drift-check")).path("found"))
                .as("a SKU whose bulk correction is under way is not found again").isEmpty();

        lookNow(id);
        assertThat(bulkPush(id).path("status").asString()).as("the platform is still at it").isEqualTo("SUBMITTED");

        // meanwhile a newer value goes by the channel's sender, before the platform processes the older one
        api.tillSale(shop.store(), changed, 1);
        await("the sale reaches the platform").atMost(BOUND).until(() -> Integer.valueOf(3).equals(onPlatform.shown.get(changed)));
        onPlatform.bulkRejects.put(refused, "8541: 出品が見つかりません");
        onPlatform.bulkProcessed.add(open.path("reference").asString());
        lookNow(id);
        awaitStatus(id, "DONE");

        await("the newer value is pushed again over the feed's older one").atMost(BOUND)
                .until(() -> Integer.valueOf(3).equals(onPlatform.shown.get(changed)));
        await("the rejected SKU is pushed again through the sender").atMost(BOUND)
                .until(() -> Integer.valueOf(4).equals(onPlatform.shown.get(refused)));
        assertThat(onPlatform.shown.get(untouched)).isEqualTo(4);
        assertThat(requestsWith(untouched)).as("corrected by the bulk push alone").isEqualTo(1);
        JsonNode done = bulkPush(id);
        assertThat(done.path("rejected").intValue()).isEqualTo(1);
        assertThat(done.path("pushedAgain").intValue()).isEqualTo(2);
        assertThat(done.path("message").asString()).contains(refused, "8541: 出品が見つかりません");
        assertThat(api.ok(api.get(path())).path("health").path("lastError").asString())
                .contains(refused, "8541: 出品が見つかりません");
        await("every drift is corrected").atMost(BOUND).until(() -> {
            JsonNode report = api.ok(api.get(path() + "/drift"));
            for (JsonNode d : report) {
                if (!d.path("correctedAt").isString()) return false;
            }
            return report.size() == 5;
        });
    }

    @Test
    void aFullPushAnswers202AndEndsWithThePlatformHoldingTheTruthInBulk() {
        connect(true);
        List<String> skus = pushed("FULLB", 2, 6);
        skus.forEach(s -> onPlatform.shown.put(s, 0)); // the platform lost the stock

        ShopApi.Response answer = api.post(path() + "/full-push");
        assertThat(answer.status()).isEqualTo(202);
        JsonNode push = answer.json();
        assertThat(push.path("how").asString()).isEqualTo("BULK");
        assertThat(push.path("skus").intValue()).isEqualTo(2);
        assertThat(push.path("bulkPushes")).hasSize(1);
        long id = push.path("bulkPushes").get(0).path("id").longValue();
        assertThat(push.path("bulkPushes").get(0).path("purpose").asString()).isEqualTo("FULL_PUSH");

        onPlatform.bulkProcessed.add(push.path("bulkPushes").get(0).path("reference").asString());
        lookNow(id);
        awaitStatus(id, "DONE");
        assertThat(skus).allMatch(s -> Integer.valueOf(6).equals(onPlatform.shown.get(s)));
        assertThat(bulkPush(id).path("pushedAgain").intValue()).isZero();
    }

    @Test
    void aFullPushToAPlatformWithoutABulkPathQueuesEveryMappedSku() {
        connect(false);
        List<String> skus = pushed("FULLQ", 2, 5);
        skus.forEach(s -> onPlatform.shown.put(s, 1));

        ShopApi.Response answer = api.post(path() + "/full-push");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("how").asString()).isEqualTo("QUEUED");
        assertThat(answer.json().path("queued").intValue()).isEqualTo(2);
        await("the sender pushes every SKU").atMost(BOUND)
                .until(() -> skus.stream().allMatch(s -> Integer.valueOf(5).equals(onPlatform.shown.get(s))));
        assertThat(onPlatform.bulkSubmissions).isEmpty();
    }

    @Test
    void aBulkPushThePlatformDoesNotFinishInTimeFailsAndEverySkuGoesThroughTheSender() {
        connect(true);
        List<String> skus = pushed("LATE", 2, 7);
        skus.forEach(s -> onPlatform.shown.put(s, 2));
        JsonNode push = api.post(path() + "/full-push").json();
        long id = push.path("bulkPushes").get(0).path("id").longValue();

        clock.advance(properties.bulkGiveUp().plusSeconds(1));
        lookNow(id);
        awaitStatus(id, "FAILED");
        assertThat(bulkPush(id).path("message").asString()).contains("not finished");
        await("the sender pushes every SKU of it").atMost(BOUND)
                .until(() -> skus.stream().allMatch(s -> Integer.valueOf(7).equals(onPlatform.shown.get(s))));
    }

    @Test
    void theConsoleFullPushButtonPushesEverythingAndThePageListsTheBulkPushes() {
        connect(true);
        pushed("PAGE", 1, 3);
        ConnectorApiTest.Api browser = new ConnectorApiTest.Api(port);
        browser.signIn("admin", "test-admin-password");
        assertThat(browser.page("/channels/" + channel + "/connector").body()).contains("/connector/full-push");

        ShopApi.Response pushed = browser.postForm("/channels/" + channel + "/connector/full-push", java.util.Map.of());
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(onPlatform.bulkSubmissions).hasSize(1);
        ShopApi.Response page = browser.page("/channels/" + channel + "/connector");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("bulk-1");
    }
}
