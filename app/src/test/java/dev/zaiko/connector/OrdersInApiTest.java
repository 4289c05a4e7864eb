package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.zaiko.channel.ChannelApi;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Orders in: a connected channel's orders are pulled from its platform and recorded once, or kept in the inbox. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OrdersInApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    ImportingOrders importing;

    @TestBean(name = "shopifyConnector", methodName = "dev.zaiko.connector.FakePlatform#fakeShopify")
    PlatformConnector platform;

    ChannelApi api;
    ShopApi.Shop shop;
    String channel;
    FakePlatform.Shop fake;

    @BeforeEach
    void connectedShop() {
        api = new ChannelApi(port);
        shop = api.shop();
        channel = shop.marketplace();
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SHOPIFY").put("sandbox", true);
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

    void map(String sku, String itemId) {
        api.ok(api.put(path() + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("inventoryItemId", itemId))));
    }

    static PlatformOrder order(String id, Instant created, PlatformOrder.State state, long paid, String itemId,
                               int quantity) {
        return new PlatformOrder(id, created, created, state,
                new PlatformOrder.Buyer("山田 花子", "hanako@example.jp", null, "ja"),
                new PlatformOrder.Payment("CREDIT_CARD", paid, 0, 0, "pay-" + id),
                0, List.of(new PlatformOrder.Line("line-" + id, null, Map.of("inventoryItemId", itemId), quantity, 1980)),
                "{\"id\":\"" + id + "\"}");
    }

    int ats(String sku) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    JsonNode orderByRef(String externalRef) {
        List<String> numbers = jdbc.queryForList(
                "select order_number from orders_order where channel = ? and external_ref = ?", String.class, channel,
                externalRef);
        assertThat(numbers).as("orders recorded for " + externalRef).hasSizeLessThanOrEqualTo(1);
        return numbers.isEmpty() ? null : api.ok(api.get("/api/orders/" + numbers.get(0)));
    }

    @Test
    void everyPlatformOrderIsRecordedOnceAcrossPagesAndASecondPullRecordsNothing() {
        String sku = api.product("IN");
        map(sku, "gid://shopify/InventoryItem/" + sku);
        api.sellable(sku, shop.store(), 10);
        Instant created = clock.instant().minusSeconds(30);
        for (int i = 1; i <= 3; i++) {
            fake.orders.add(order("SHOP-" + sku + "-" + i, created, PlatformOrder.State.OPEN, 1980,
                    "gid://shopify/InventoryItem/" + sku, 1));
        }

        JsonNode first = api.ok(api.post(path() + "/orders/pull"));
        assertThat(first.path("pages").intValue()).as("three orders, two to a page").isEqualTo(2);
        assertThat(first.path("recorded").intValue()).isEqualTo(3);
        for (int i = 1; i <= 3; i++) {
            JsonNode o = orderByRef("SHOP-" + sku + "-" + i);
            assertThat(o).isNotNull();
            assertThat(o.path("lines").get(0).path("sku").asString()).isEqualTo(sku);
        }
        assertThat(ats(sku)).as("each order reserved its unit").isEqualTo(7);
        assertThat(fake.confirmed).as("the platform was told each order was recorded")
                .containsExactly("SHOP-" + sku + "-1", "SHOP-" + sku + "-2", "SHOP-" + sku + "-3");

        // the platform answers the whole log again (a cursor it forgot): nothing is recorded twice
        jdbc.update("update connector_order_cursor set cursor = null where channel = ?", channel);
        JsonNode again = api.ok(api.post(path() + "/orders/pull"));
        assertThat(again.path("recorded").intValue()).isZero();
        assertThat(again.path("alreadyRecorded").intValue()).isEqualTo(3);
        assertThat(ats(sku)).isEqualTo(7);
        assertThat(jdbc.queryForObject("select count(*) from orders_order where channel = ?", Integer.class, channel))
                .isEqualTo(3);

        JsonNode status = api.ok(api.get(path() + "/orders"));
        assertThat(status.path("importedLastHour").intValue()).isEqualTo(3);
        assertThat(status.path("lagMaxMs").longValue()).as("from the platform's creation time to the recording")
                .isGreaterThanOrEqualTo(30_000);
        assertThat(status.path("inboxOpen").intValue()).isZero();
    }

    @Test
    void anOrderForAnUnmappedItemWaitsInTheInboxAndIsRecordedOnceAfterItIsMapped() {
        String sku = api.product("LATE");
        api.sellable(sku, shop.store(), 5);
        String item = "gid://shopify/InventoryItem/unmapped-" + sku;
        fake.orders.add(order("SHOP-" + sku, clock.instant(), PlatformOrder.State.OPEN, 1980 * 2, item, 2));

        JsonNode pulled = api.ok(api.post(path() + "/orders/pull"));
        assertThat(pulled.path("kept").intValue()).isEqualTo(1);
        assertThat(orderByRef("SHOP-" + sku)).as("nothing half-recorded").isNull();
        assertThat(ats(sku)).as("nothing reserved").isEqualTo(5);
        JsonNode entry = api.ok(api.get(path() + "/inbox")).get(0);
        assertThat(entry.path("reason").asString()).isEqualTo("UNKNOWN_SKU");
        assertThat(entry.path("message").asString()).contains(item);
        assertThat(entry.path("raw").asString()).as("the platform's record, as read").contains("SHOP-" + sku);
        assertThat(entry.path("status").asString()).isEqualTo("OPEN");
        assertThat(api.ok(api.get(path() + "/orders")).path("inboxOpen").intValue()).isEqualTo(1);

        String id = entry.path("id").asString();
        JsonNode stillUnknown = api.ok(api.post(path() + "/inbox/" + id + "/retry"));
        assertThat(stillUnknown.path("status").asString()).isEqualTo("OPEN");
        assertThat(stillUnknown.path("attempts").intValue()).isEqualTo(2);

        map(sku, item);
        JsonNode recorded = api.ok(api.post(path() + "/inbox/" + id + "/retry"));
        assertThat(recorded.path("status").asString()).isEqualTo("RECORDED");
        assertThat(recorded.path("orderNumber").asString()).isNotBlank();
        assertThat(orderByRef("SHOP-" + sku).path("lines").get(0).path("quantity").intValue()).isEqualTo(2);
        assertThat(ats(sku)).isEqualTo(3);

        ShopApi.Response closed = api.post(path() + "/inbox/" + id + "/retry");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.type()).endsWith("inbox-entry-closed");
        // the platform's next pull of the same order finds it recorded
        jdbc.update("update connector_order_cursor set cursor = null where channel = ?", channel);
        assertThat(api.ok(api.post(path() + "/orders/pull")).path("alreadyRecorded").intValue()).isEqualTo(1);
        assertThat(ats(sku)).isEqualTo(3);
    }

    @Test
    void anOrderWhosePaymentDoesNotAddUpIsKeptWithTheReasonAndReservesNothing() {
        String sku = api.product("PAY");
        map(sku, "item-" + sku);
        api.sellable(sku, shop.store(), 5);
        fake.orders.add(order("SHOP-" + sku, clock.instant(), PlatformOrder.State.OPEN, 1000, "item-" + sku, 1));

        api.ok(api.post(path() + "/orders/pull"));
        JsonNode entry = api.ok(api.get(path() + "/inbox")).get(0);
        assertThat(entry.path("reason").asString()).isEqualTo("PAYMENT_MISMATCH");
        assertThat(entry.path("message").asString()).contains("1000").contains("1980");
        assertThat(orderByRef("SHOP-" + sku)).isNull();
        assertThat(ats(sku)).isEqualTo(5);

        JsonNode dismissed = api.ok(api.post(path() + "/inbox/" + entry.path("id").asString() + "/dismiss"));
        assertThat(dismissed.path("status").asString()).isEqualTo("DISMISSED");
        assertThat(api.ok(api.get(path() + "/orders")).path("inboxOpen").intValue()).isZero();
    }

    @Test
    void anOrderTheBuyerCancelledOnThePlatformReleasesItsUnits() {
        String sku = api.product("GONE");
        map(sku, "item-" + sku);
        api.sellable(sku, shop.store(), 4);
        Instant created = clock.instant();
        fake.orders.add(order("SHOP-" + sku, created, PlatformOrder.State.OPEN, 1980 * 3, "item-" + sku, 3));
        api.ok(api.post(path() + "/orders/pull"));
        assertThat(ats(sku)).isEqualTo(1);

        fake.orders.add(order("SHOP-" + sku, created, PlatformOrder.State.CANCELLED, 1980 * 3, "item-" + sku, 3));
        JsonNode pulled = api.ok(api.post(path() + "/orders/pull"));
        assertThat(pulled.path("cancelled").intValue()).isEqualTo(1);
        JsonNode o = orderByRef("SHOP-" + sku);
        assertThat(o.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(ats(sku)).as("the buyer's units are sellable again").isEqualTo(4);

        jdbc.update("update connector_order_cursor set cursor = null where channel = ?", channel);
        api.ok(api.post(path() + "/orders/pull"));
        assertThat(ats(sku)).as("a cancellation heard again changes nothing").isEqualTo(4);
        assertThat(orderByRef("SHOP-" + sku).path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void theCursorMovesOnlyAfterAPageIsRecordedSoAFailedPullLosesAndDoublesNothing() {
        String sku = api.product("CUR");
        map(sku, "item-" + sku);
        api.sellable(sku, shop.store(), 10);
        for (int i = 1; i <= 5; i++) {
            fake.orders.add(order("SHOP-" + sku + "-" + i, clock.instant(), PlatformOrder.State.OPEN, 1980,
                    "item-" + sku, 1));
        }
        fake.failPull = new ConnectorException.Failed("503 Service Unavailable", null);
        fake.failAfterPages = 1;

        JsonNode broken = api.ok(api.post(path() + "/orders/pull"));
        assertThat(broken.path("recorded").intValue()).as("the first page went in").isEqualTo(2);
        assertThat(broken.path("error").asString()).contains("503");
        JsonNode status = api.ok(api.get(path() + "/orders"));
        assertThat(status.path("lastError").asString()).contains("503");
        assertThat(api.ok(api.get(path())).path("health").path("lastError").asString())
                .as("the connector's health on the dashboard says so too").isEqualTo("Orders in: 503 Service Unavailable");
        assertThat(jdbc.queryForObject("select cursor from connector_order_cursor where channel = ?", String.class,
                channel)).as("the cursor after the recorded page only").isEqualTo("2");

        JsonNode rest = api.ok(api.post(path() + "/orders/pull"));
        assertThat(rest.path("recorded").intValue()).isEqualTo(3);
        assertThat(fake.cursorsAsked).as("the next pull went on from the recorded page").contains("2");
        assertThat(jdbc.queryForObject("select count(*) from orders_order where channel = ?", Integer.class, channel))
                .isEqualTo(5);
        assertThat(ats(sku)).isEqualTo(5);
        assertThat(api.ok(api.get(path() + "/orders")).path("lastError").isNull()).isTrue();
    }

    @Test
    void theScheduledPullTakesEachChannelWhenItsPlatformAllowsAndAThrottledPlatformWaitsWhatItAsked() {
        String sku = api.product("TICK");
        map(sku, "item-" + sku);
        api.sellable(sku, shop.store(), 10);
        fake.orders.add(order("SHOP-" + sku + "-1", clock.instant(), PlatformOrder.State.OPEN, 1980, "item-" + sku, 1));
        importing.pullDue();
        assertThat(orderByRef("SHOP-" + sku + "-1")).isNotNull();

        fake.orders.add(order("SHOP-" + sku + "-2", clock.instant(), PlatformOrder.State.OPEN, 1980, "item-" + sku, 1));
        importing.pullDue();
        assertThat(orderByRef("SHOP-" + sku + "-2")).as("not before the platform's interval").isNull();

        clock.advance(Duration.ofMinutes(1));
        fake.failPull = new ConnectorException.Throttled("THROTTLED", Duration.ofMinutes(5));
        importing.pullDue();
        assertThat(orderByRef("SHOP-" + sku + "-2")).isNull();
        clock.advance(Duration.ofMinutes(2));
        importing.pullDue();
        assertThat(orderByRef("SHOP-" + sku + "-2")).as("the platform asked for five minutes").isNull();
        clock.advance(Duration.ofMinutes(3));
        importing.pullDue();
        assertThat(orderByRef("SHOP-" + sku + "-2")).isNotNull();
    }

    @Test
    void staffSeeTheInboxInTheConsoleAndRecordAKeptOrderOnceItsItemIsMapped() {
        String sku = api.product("DESK");
        api.sellable(sku, shop.store(), 3);
        fake.orders.add(order("SHOP-" + sku, clock.instant(), PlatformOrder.State.OPEN, 1980, "item-" + sku, 1));
        ChannelApi browser = new ChannelApi(port);
        browser.signIn("admin", "test-admin-password");

        String connectorPage = browser.page("/channels/" + channel + "/connector").body();
        assertThat(connectorPage).contains("href=\"/channels/" + channel + "/orders-in\"");
        browser.page("/channels/" + channel + "/orders-in");
        ShopApi.Response pulled = browser.postForm("/channels/" + channel + "/orders-in/pull", Map.of());
        assertThat(pulled.status()).isEqualTo(200);
        assertThat(pulled.body()).as("the pull's count, in Japanese").contains("取り込み待ちへ 1 件")
                .contains("対応する SKU がありません").contains("SHOP-" + sku).contains("item-" + sku);

        String dashboard = browser.page("/").body();
        assertThat(dashboard).as("the dashboard says an order waits, and links to the inbox")
                .contains("取り込めなかった注文があります：" + channel + " (1)")
                .contains("href=\"/channels/" + channel + "/orders-in\"");

        map(sku, "item-" + sku);
        String id = api.ok(api.get(path() + "/inbox")).get(0).path("id").asString();
        ShopApi.Response retried = browser.postForm("/channels/" + channel + "/orders-in/inbox/" + id + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(302);
        assertThat(retried.location()).endsWith("/channels/" + channel + "/orders-in?notice=recorded");
        String after = browser.page("/channels/" + channel + "/orders-in?notice=recorded").body();
        assertThat(after).contains("注文を記録しました。").contains("記録済み");
        assertThat(browser.page("/").body()).as("nothing of this channel waits any more").doesNotContain(channel + " (1)");
        assertThat(orderByRef("SHOP-" + sku)).isNotNull();
        assertThat(ats(sku)).isEqualTo(2);

        ShopApi.Response forged = browser.postFormWithoutCsrf("/channels/" + channel + "/orders-in/inbox/" + id
                + "/dismiss", Map.of());
        assertThat(forged.status()).as("a form without the page's CSRF token is refused").isEqualTo(403);
    }
}
