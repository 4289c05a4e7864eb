package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * A connected channel spends its platform's rate only on SKUs it can send: a SKU with no mapping is
 * dropped from the sender's queue without a request, and pushed with its current value once it is mapped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UnmappedSkusApiTest {

    static final Duration BOUND = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    MeterRegistry meters;

    @TestBean(name = "shopifyConnector", methodName = "dev.zaiko.connector.FakePlatform#fakeShopify")
    PlatformConnector platform;

    ConnectorApiTest.Api api;
    ShopApi.Shop shop;
    String channel;
    FakePlatform.Shop fake;

    @BeforeEach
    void connectedShop() {
        api = new ConnectorApiTest.Api(port);
        shop = api.shop();
        channel = shop.marketplace();
        tools.jackson.databind.node.ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SHOPIFY")
                .put("sandbox", true);
        body.putObject("settings").put("shopDomain", "example.myshopify.com");
        body.putObject("credentials").put("accessToken", "shpat_good");
        api.ok(api.put(path(), body));
        fake = FakePlatform.shop(channel);
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        api.delete(path());
    }

    String path() {
        return "/api/channels/" + channel + "/connector";
    }

    void map(String sku) {
        api.ok(api.put(path() + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("inventoryItemId", "gid://shopify/InventoryItem/" + sku))));
    }

    double dropped() {
        Counter c = meters.find("zaiko.channel.adapter.dropped").tag("channel", channel).counter();
        return c == null ? 0 : c.count();
    }

    long feedSeq(String sku) {
        return jdbc.queryForObject("select seq from channel_feed where channel = ? and sku = ?", Long.class, channel, sku);
    }

    /**
     * The feed writer has written these SKUs' latest changes (it runs behind the stock change) and the
     * sender has read and settled everything the channel's feed holds: its stored cursor is at the end.
     */
    void awaitSenderCaughtUp(Collection<String> skus, Map<String, Integer> values) {
        await("the feed of " + channel + " holds " + values).atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> skus.stream().allMatch(sku -> values.get(sku).equals(jdbc.query(
                        "select ats from channel_feed where channel = ? and sku = ?",
                        rs -> rs.next() ? rs.getInt(1) : null, channel, sku))));
        await("cursor of " + channel + " at the feed's end").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> Boolean.TRUE.equals(jdbc.queryForObject("select a.cursor >= coalesce((select max(seq) "
                        + "from channel_feed where channel = ?), 0) from channel_adapter a where a.channel = ?",
                        Boolean.class, channel, channel)));
    }

    static Map<String, Integer> every(List<String> skus, int ats) {
        Map<String, Integer> values = new java.util.HashMap<>();
        for (String sku : skus) values.put(sku, ats);
        return values;
    }

    List<String> skusSent() {
        List<String> sent = new ArrayList<>();
        for (List<PlatformClient.QuantityUpdate> r : fake.requests) for (PlatformClient.QuantityUpdate u : r) sent.add(u.sku());
        return sent;
    }

    @Test
    void aBurstOfChangesOnUnmappedSkusMakesNoRequestAndTheMappedSkuIsTheFirstAndOnlyPush() {
        String mapped = api.product("MAPPED");
        map(mapped);
        List<String> unmapped = new ArrayList<>();
        for (int i = 0; i < 12; i++) unmapped.add(api.product("UNMAPPED"));

        for (String sku : unmapped) api.sellable(sku, shop.store(), 3); // 24 changes, more than two batches
        awaitSenderCaughtUp(unmapped, every(unmapped, 3));
        assertThat(fake.requests).as("nothing the platform could take: no request at all").isEmpty();
        await("each unmapped SKU dropped without a request").atMost(BOUND).until(() -> dropped() >= 12);

        for (String sku : unmapped.subList(0, 6)) api.sellable(sku, shop.store(), 1);
        api.sellable(mapped, shop.store(), 4);
        for (String sku : unmapped.subList(6, 12)) api.sellable(sku, shop.store(), 1);
        await().atMost(BOUND).until(() -> Integer.valueOf(4).equals(fake.shown.get(mapped)));
        awaitSenderCaughtUp(unmapped, every(unmapped, 4));
        assertThat(fake.requests).as("one request, for the mapped SKU only").hasSize(1);
        assertThat(skusSent()).containsExactly(mapped);
        await("the second round dropped too").atMost(BOUND).until(() -> dropped() >= 24);
        assertThat(api.ok(api.get("/api/channels/" + channel + "/adapter")).path("lastError").isNull()).isTrue();
    }

    @Test
    void aSkuMappedAfterItsChangesWereDroppedIsPushedWithItsCurrentValueAtOnce() {
        String late = api.product("LATE");
        String imported = api.product("CSV");
        api.sellable(late, shop.store(), 5);
        api.sellable(imported, shop.store(), 2);
        awaitSenderCaughtUp(List.of(late, imported), Map.of(late, 5, imported, 2));
        assertThat(fake.requests).isEmpty();

        map(late);
        await("the value dropped before the mapping reaches the platform").atMost(BOUND)
                .until(() -> Integer.valueOf(5).equals(fake.shown.get(late)));
        assertThat(skusSent()).containsExactly(late);

        long seq = feedSeq(late);
        map(late); // the same mapping again: nothing new to send
        assertThat(feedSeq(late)).as("an unchanged mapping queues nothing").isEqualTo(seq);

        api.ok(api.csv(path() + "/items", "sku,inventoryItemId\n" + late + ",gid://shopify/InventoryItem/" + late + "\n"
                + imported + ",gid://shopify/InventoryItem/" + imported + "\n"));
        await("the SKU mapped by the import is pushed").atMost(BOUND)
                .until(() -> Integer.valueOf(2).equals(fake.shown.get(imported)));
        awaitSenderCaughtUp(List.of(late, imported), Map.of(late, 5, imported, 2));
        assertThat(feedSeq(late)).as("the import left the unchanged mapping alone").isEqualTo(seq);
        assertThat(skusSent()).containsExactly(late, imported);
    }
}
