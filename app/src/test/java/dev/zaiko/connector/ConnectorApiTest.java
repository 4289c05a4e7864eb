package dev.zaiko.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A channel connected to its platform: the account, the mapping, pushing, throttling and drift. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ConnectorApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    /** The platform in memory stands in for the real Shopify adapter (one adapter per platform). */
    @TestBean(name = "shopifyConnector", methodName = "dev.zaiko.connector.FakePlatform#fakeShopify")
    PlatformConnector platform;

    Api api;
    ShopApi.Shop shop;
    String channel;

    static final class Api extends dev.zaiko.channel.ChannelApi {
        Api(int port) {
            super(port);
        }

        Response csv(String path, String csv) {
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), null, r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void connectedShop() {
        api = new Api(port);
        shop = api.shop();
        channel = shop.marketplace();
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        api.useToken(ShopApi.TOKEN);
        api.delete("/api/channels/" + channel + "/connector");
    }

    String path() {
        return "/api/channels/" + channel + "/connector";
    }

    ObjectNode account(String accessToken) {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SHOPIFY").put("sandbox", true);
        body.putObject("settings").put("shopDomain", "example.myshopify.com").put("locationId", "gid://shopify/Location/1");
        body.putObject("credentials").put("accessToken", accessToken);
        return body;
    }

    JsonNode connect(String accessToken) {
        return api.ok(api.put(path(), account(accessToken)));
    }

    void map(String sku) {
        api.ok(api.put(path() + "/items/" + sku, ShopApi.JSON.createObjectNode().set("identifiers",
                ShopApi.JSON.createObjectNode().put("inventoryItemId", "gid://shopify/InventoryItem/" + sku))));
    }

    @Test
    void aMarketplaceConnectorIsRefusedOnTheShopsOwnChannelAndATillConnectorOnAMarketplaceNamingThePlatform() {
        ShopApi.Response onOwn = api.put("/api/channels/" + shop.web() + "/connector", account("shpat_good"));
        assertThat(onOwn.status()).isEqualTo(400);
        assertThat(onOwn.json().path("field").asString()).isEqualTo("platform");
        assertThat(onOwn.detail()).contains("MARKETPLACE").contains(shop.web()).contains("OWN");
        assertThat(api.get("/api/channels/" + shop.web() + "/connector").status()).as("nothing stored").isEqualTo(404);

        ObjectNode till = ShopApi.JSON.createObjectNode().put("platform", "SMAREGI");
        till.putObject("settings").put("contractId", "smaregi1").put("storeId", "1")
                .put("callbackBaseUrl", "https://zaiko.example.jp");
        till.putObject("credentials").put("clientId", "id").put("clientSecret", "secret").put("callbackSecret", "s3cret");
        ShopApi.Response onMarketplace = api.put(path(), till);
        assertThat(onMarketplace.status()).isEqualTo(400);
        assertThat(onMarketplace.json().path("field").asString()).isEqualTo("platform");
    }

    @Test
    void credentialsAreEncryptedAtRestAndNeverInAnswersOrLogs(CapturedOutput output) {
        String secret = "shpat_" + ShopApi.unique("SECRET") + "x9Q";
        JsonNode set = connect(secret);
        assertThat(set.path("credentialsSet").toString()).isEqualTo("[\"accessToken\"]");
        assertThat(set.toString()).doesNotContain(secret);
        assertThat(set.path("platform").asString()).isEqualTo("SHOPIFY");
        assertThat(set.path("settings").path("shopDomain").asString()).isEqualTo("example.myshopify.com");
        assertThat(api.get(path()).body()).doesNotContain(secret);

        String row = jdbc.queryForObject("select a::text from connector_account a where channel = ?", String.class,
                channel);
        assertThat(row).as("the stored row").doesNotContain(secret).contains("v1:");

        // settings change without sending the secret again: the credential stays
        ObjectNode again = account(secret);
        again.remove("credentials");
        JsonNode changed = api.ok(api.put(path(), again));
        assertThat(changed.path("credentialsSet").toString()).isEqualTo("[\"accessToken\"]");

        String sku = api.product("SEAL");
        map(sku);
        api.sellable(sku, shop.store(), 4);
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(4).equals(FakePlatform.shop(channel).shown.get(sku)));
        JsonNode test = api.ok(api.post(path() + "/test"));
        assertThat(test.path("ok").booleanValue()).isTrue();
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void aStockChangeOnAConnectedChannelReachesThePlatformAsAnAbsoluteQuantity() {
        connect("shpat_good");
        JsonNode adapter = api.ok(api.get("/api/channels/" + channel + "/adapter"));
        assertThat(adapter.path("marketplace").asString()).as("setting the connector made the channel pushed")
                .isEqualTo("SHOPIFY");
        assertThat(adapter.path("requestsPerSecond").doubleValue()).as("at the platform's rate").isEqualTo(20.0);
        assertThat(adapter.path("batch").intValue()).as("in the platform's batches").isEqualTo(10);

        String sku = api.product("PUSH");
        String unmapped = api.product("NOMAP");
        map(sku);
        api.sellable(sku, shop.store(), 10);
        api.sellable(unmapped, shop.store(), 10);
        FakePlatform.Shop platform = FakePlatform.shop(channel);
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(10).equals(platform.shown.get(sku)));
        api.tillSale(shop.store(), sku, 3);
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(7).equals(platform.shown.get(sku)));
        List<PlatformClient.QuantityUpdate> last = platform.requests.stream().flatMap(List::stream)
                .filter(u -> u.sku().equals(sku)).toList();
        assertThat(last.get(last.size() - 1).quantity()).as("the absolute quantity, not a delta of -3").isEqualTo(7);
        assertThat(platform.shown).as("a SKU without a mapping is not set").doesNotContainKey(unmapped);

        JsonNode health = api.ok(api.get(path())).path("health");
        assertThat(health.path("lastSuccessAt").isNull()).isFalse();
        assertThat(health.path("currentRate").doubleValue()).isPositive();
        assertThat(api.ok(api.get(path())).path("limits").path("maxBatch").intValue()).isEqualTo(10);
    }

    @Test
    void aChangeOfAnUnmappedSkuSendsNothingAndIsNoSuccess() {
        connect("shpat_good");
        String unmapped = api.product("NOMAP");
        api.sellable(unmapped, shop.store(), 10);

        // the sender drops it without a request (UnmappedSkusApiTest): its cursor passes the change
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("select a.cursor >= (select max(seq) "
                + "from channel_feed where channel = ?) from channel_adapter a where a.channel = ?", Boolean.class,
                channel, channel));

        JsonNode health = api.ok(api.get(path())).path("health");
        assertThat(FakePlatform.shop(channel).requests).as("no request for a SKU the platform cannot take").isEmpty();
        assertThat(FakePlatform.shop(channel).shown).doesNotContainKey(unmapped);
        assertThat(health.path("lastSuccessAt").isNull()).as("nothing reached the platform: no success to show")
                .isTrue();
    }

    @Test
    void aThrottledPushWaitsWhatThePlatformAskedAndIsNoFailure() {
        connect("shpat_good");
        String sku = api.product("THROTTLE");
        map(sku);
        api.sellable(sku, shop.store(), 6);
        FakePlatform.Shop platform = FakePlatform.shop(channel);
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(6).equals(platform.shown.get(sku)));

        platform.throttleNext = Duration.ofSeconds(40);
        Instant before = clock.instant();
        api.tillSale(shop.store(), sku, 2);
        await().atMost(Duration.ofSeconds(15)).until(() -> api.ok(api.get("/api/channels/" + channel + "/adapter"))
                .path("nextAttemptAt").isString());
        JsonNode adapter = api.ok(api.get("/api/channels/" + channel + "/adapter"));
        assertThat(adapter.path("failures").intValue()).as("throttling is no failure").isZero();
        assertThat(adapter.path("lastError").asString()).contains("429");
        assertThat(Instant.parse(adapter.path("nextAttemptAt").asString()))
                .isAfterOrEqualTo(before.plusSeconds(39));
        assertThat(platform.shown.get(sku)).as("nothing sent while the platform's wait runs").isEqualTo(6);

        clock.advance(Duration.ofSeconds(41));
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(4).equals(platform.shown.get(sku)));
    }

    @Test
    void driftOnThePlatformIsFoundRecordedAndCorrected() {
        connect("shpat_good");
        String sku = api.product("DRIFT");
        String fine = api.product("FINE");
        map(sku);
        map(fine);
        api.sellable(sku, shop.store(), 2);
        api.sellable(fine, shop.store(), 3);
        FakePlatform.Shop platform = FakePlatform.shop(channel);
        // the feed keeps a SKU's latest value only: 0 → 2 → 0 before the writer's round is no change
        // at all, so the platform would never be told the 0 this test starts from
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(2).equals(platform.shown.get(sku)));
        api.tillSale(shop.store(), sku, 2);
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(0).equals(platform.shown.get(sku))
                && Integer.valueOf(3).equals(platform.shown.get(fine))
                && api.ok(api.get("/api/channels/" + channel + "/adapter")).path("queued").intValue() == 0);

        platform.shown.put(sku, 5); // someone edited the stock on the platform by hand
        JsonNode check = api.ok(api.post(path() + "/drift-check"));
        assertThat(check.path("compared").intValue()).isEqualTo(2);
        assertThat(check.path("found")).hasSize(1);
        assertThat(check.path("found").get(0).path("sku").asString()).isEqualTo(sku);
        assertThat(check.path("found").get(0).path("shown").intValue()).isEqualTo(5);
        assertThat(check.path("found").get(0).path("trueValue").intValue()).isEqualTo(0);

        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(0).equals(platform.shown.get(sku)));
        await().atMost(Duration.ofSeconds(15)).until(() -> api.ok(api.get(path() + "/drift")).get(0)
                .path("correctedAt").isString());
        JsonNode report = api.ok(api.get(path() + "/drift"));
        assertThat(report).hasSize(1);
        assertThat(report.get(0).path("sku").asString()).isEqualTo(sku);
        assertThat(report.get(0).path("shown").intValue()).isEqualTo(5);
        assertThat(api.ok(api.post(path() + "/drift-check")).path("found")).as("healed").isEmpty();
    }

    @Test
    void aPlatformThatCannotBeReadBackGetsEveryMappedSkuPushedAgain() {
        ObjectNode body = account("shpat_good");
        ((ObjectNode) body.path("settings")).put("readBack", "false");
        api.ok(api.put(path(), body));
        String sku = api.product("FULL");
        map(sku);
        api.sellable(sku, shop.store(), 8);
        FakePlatform.Shop platform = FakePlatform.shop(channel);
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(8).equals(platform.shown.get(sku)));
        platform.shown.put(sku, 1);
        // only a value the sender has stored as pushed (the channel's cursor) is pushed again; the platform
        // shows the 8 a moment before the sender stores its cursor, so the check is asked until it counts it
        java.util.concurrent.atomic.AtomicReference<JsonNode> check = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            check.set(api.ok(api.post(path() + "/drift-check")));
            return check.get().path("pushedAgain").intValue() > 0;
        });
        assertThat(check.get().path("fullPush").booleanValue()).isTrue();
        assertThat(check.get().path("pushedAgain").intValue()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(8).equals(platform.shown.get(sku)));
    }

    @Test
    void aMappingFileWithABadRowIsRefusedWholeWithAReportPerRow() {
        connect("shpat_good");
        ShopApi.Response bad = api.csv(path() + "/items",
                "sku,inventoryItemId\nA-1,gid://shopify/InventoryItem/1\n,gid://shopify/InventoryItem/2\nA-3,\n");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        JsonNode rows = bad.json().path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("problem").isNull()).isTrue();
        assertThat(rows.get(1).path("problem").asString()).contains("sku is empty");
        assertThat(rows.get(2).path("problem").asString()).contains("no identifier");
        assertThat(api.ok(api.get(path() + "/items"))).as("nothing stored").isEmpty();

        JsonNode good = api.ok(api.csv(path() + "/items",
                "sku,inventoryItemId\nA-1,gid://shopify/InventoryItem/1\nA-2,gid://shopify/InventoryItem/2\n"));
        assertThat(good.path("imported").intValue()).isEqualTo(2);
        JsonNode items = api.ok(api.get(path() + "/items"));
        assertThat(items).hasSize(2);
        assertThat(items.get(1).path("identifiers").path("inventoryItemId").asString())
                .isEqualTo("gid://shopify/InventoryItem/2");
    }

    @Test
    void aBadAccountIsRefusedNamingTheFieldAndChangesNothing() {
        ObjectNode unknown = account("shpat_good").put("platform", "EBAY");
        ShopApi.Response r = api.put(path(), unknown);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("platform");

        ShopApi.Response url = api.put(path(), account("shpat_good").put("baseUrl", "http://169.254.169.254/latest"));
        assertThat(url.status()).isEqualTo(400);
        assertThat(url.json().path("field").asString()).isEqualTo("baseUrl");

        ObjectNode missing = account("shpat_good");
        ((ObjectNode) missing.path("settings")).remove("shopDomain");
        ShopApi.Response m = api.put(path(), missing);
        assertThat(m.status()).isEqualTo(400);
        assertThat(m.json().path("field").asString()).isEqualTo("settings.shopDomain");
        assertThat(m.body()).doesNotContain("shpat_good");

        assertThat(api.get(path()).status()).as("nothing stored").isEqualTo(404);
        assertThat(api.get("/api/channels/" + channel + "/adapter").status()).isEqualTo(404);
    }

    @Test
    void testingTheConnectionSaysWhetherThePlatformTookTheCredentials() {
        connect("bad_token");
        JsonNode test = api.ok(api.post(path() + "/test"));
        assertThat(test.path("ok").booleanValue()).isFalse();
        assertThat(test.path("message").asString()).contains("401");
        assertThat(api.ok(api.get(path())).path("health").path("lastError").asString()).contains("401");

        ObjectNode fix = ShopApi.JSON.createObjectNode().put("platform", "SHOPIFY");
        fix.putObject("settings").put("shopDomain", "example.myshopify.com");
        fix.putObject("credentials").put("accessToken", "shpat_good");
        api.ok(api.put(path(), fix));
        assertThat(api.ok(api.post(path() + "/test")).path("ok").booleanValue()).isTrue();
    }

    @Test
    void aWriteTokenCannotSetCredentials() {
        String token = api.ok(api.post("/api/access/tokens", ShopApi.JSON.createObjectNode()
                .put("name", ShopApi.unique("writer")).put("scope", "WRITE"))).path("token").asString();
        api.useToken(token);
        assertThat(api.put(path(), account("shpat_good")).status()).isEqualTo(403);
        api.useToken(ShopApi.TOKEN);
        assertThat(api.get(path()).status()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void theConsolePageShowsWhichCredentialsAreSetNeverTheirValuesAndTheDriftReport() {
        String secret = "shpat_" + ShopApi.unique("PAGE");
        connect(secret);
        Api browser = new Api(port);
        browser.signIn("admin", "test-admin-password");
        ShopApi.Response page = browser.page("/channels/" + channel + "/connector");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("accessToken").contains("example.myshopify.com").doesNotContain(secret);

        ShopApi.Response test = browser.postForm("/channels/" + channel + "/connector/test", java.util.Map.of());
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.body()).contains("example.myshopify.com answered").doesNotContain(secret);

        ShopApi.Response saved = browser.postForm("/channels/" + channel + "/connector", java.util.Map.of(
                "platform", "SHOPIFY", "settings", "shopDomain=other.myshopify.com", "credentialName", "",
                "credentialValue", ""));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(api.ok(api.get(path())).path("settings").path("shopDomain").asString())
                .isEqualTo("other.myshopify.com");
        assertThat(api.ok(api.get(path())).path("credentialsSet").toString()).isEqualTo("[\"accessToken\"]");
    }
}
