package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The connectors as a shop's staff see them: their health on the dashboard and every channel on /channels. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConnectorHealthPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    HttpServer platform;
    WebApi api;
    final List<String> connected = new ArrayList<>();

    @BeforeEach
    void aRakutenThatRefusesTheKeys() throws IOException {
        platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"errors\":[{\"code\":\"AUTH_ERROR\",\"message\":\"Un-Authorised\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        platform.start();
        api = new WebApi(port);
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        for (String channel : connected) api.delete("/api/channels/" + channel + "/connector");
        platform.stop(0);
    }

    String connectRakuten(String channel) {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "RAKUTEN")
                .put("baseUrl", "http://127.0.0.1:" + platform.getAddress().getPort());
        body.putObject("credentials").put("serviceSecret", "SP123_abc").put("licenseKey", "SL123_def");
        api.ok(api.put("/api/channels/" + channel + "/connector", body));
        connected.add(channel);
        return channel;
    }

    @Test
    void aConnectorWhoseCredentialsWereRefusedIsWarnedAboutOnTheDashboardWithALinkToItsPage() {
        ShopApi.Shop shop = api.shop();
        String channel = connectRakuten(shop.marketplace());
        WebApi browser = new WebApi(port).signedIn();
        String before = browser.page("/").body();
        assertThat(before).contains("href=\"/channels/" + channel + "/connector\"").contains("RAKUTEN");
        assertThat(before).doesNotContain("認証情報がプラットフォームに拒否されました");

        String sku = api.newProduct("HEALTH", "テント", "Tent");
        api.ok(api.put("/api/channels/" + channel + "/connector/items/" + sku, ShopApi.JSON.createObjectNode()
                .set("identifiers", ShopApi.JSON.createObjectNode().put("manageNumber", sku).put("variantId", "v1"))));
        api.sellable(sku, shop.store(), 3); // the push is refused: Rakuten does not take the keys
        await().atMost(Duration.ofSeconds(20)).until(() -> api.ok(api.get("/api/channels/" + channel + "/connector"))
                .path("health").path("credentialsRefusedAt").isString());

        String page = browser.page("/").body();
        assertThat(page).contains("id=\"connectors-refused\"")
                .contains("チャネル " + channel).contains("認証情報がプラットフォームに拒否されました")
                .contains("Un-Authorised");
        assertThat(browser.page("/?lang=en").body()).contains("The platform refused the credentials of channel(s)")
                .contains(channel);
        assertThat(browser.page("/channels?lang=ja").body()).contains("認証情報が拒否されました");
    }

    @Test
    void aConnectorWithoutAWorkingCallForLongerThanTheStaleLimitIsWarnedAbout() {
        String channel = connectRakuten(api.shop().marketplace());
        WebApi browser = new WebApi(port).signedIn();
        assertThat(browser.page("/").body()).as("just connected").doesNotContain("id=\"connectors-stale\"");

        clock.advance(Duration.ofMinutes(61)); // zaiko.connector.stale-after is an hour
        String page = browser.page("/").body();
        assertThat(page).contains("id=\"connectors-stale\"").contains("60 分以上").contains(channel)
                .contains("しばらく応答なし");
    }

    @Test
    void theChannelsPageListsEveryChannelWithItsConnectorOrNotConnected() {
        ShopApi.Shop shop = api.shop();
        String channel = connectRakuten(shop.marketplace());
        WebApi browser = new WebApi(port).signedIn();
        ShopApi.Response page = browser.page("/channels");
        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        String connectedRow = row(body, channel);
        assertThat(connectedRow).contains("RAKUTEN").contains("href=\"/channels/" + channel + "/connector\"");
        String webRow = row(body, shop.web());
        assertThat(webRow).contains("未連携").contains("href=\"/channels/" + shop.web() + "/connector\"");
        assertThat(body).as("in the navigation").contains("<a href=\"/channels\" aria-current=\"page\" class=\"active\"");
        assertThat(browser.page("/channels?lang=en").body()).contains("not connected").contains("Marketplace");
    }

    /** The table row of one channel on /channels. */
    static String row(String page, String channel) {
        int at = page.indexOf("data-channel=\"" + channel + "\"");
        assertThat(at).as("a row for " + channel).isPositive();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    @Test
    void theConnectorFormAsksForEachPlatformsOwnFieldsAndKeepsAStoredCredentialWhenLeftEmpty() {
        ShopApi.Shop shop = api.shop();
        String channel = shop.marketplace();
        WebApi browser = new WebApi(port).signedIn();

        String empty = browser.get("/channels/" + channel + "/connector").body();
        assertThat(empty).contains("name=\"f.AMAZON.sellerId\"", "name=\"f.AMAZON.refreshToken\"",
                "name=\"f.RAKUTEN.licenseKey\"", "name=\"f.SHOPIFY.locationId\"", "name=\"f.SMAREGI.callbackSecret\"");
        assertThat(empty).contains("type=\"password\" name=\"f.AMAZON.refreshToken\"");

        ShopApi.Response saved = browser.postForm("/channels/" + channel + "/connector", java.util.Map.of(
                "platform", "RAKUTEN", "baseUrl", "http://127.0.0.1:" + platform.getAddress().getPort(),
                "f.RAKUTEN.serviceSecret", "SP999_first", "f.RAKUTEN.licenseKey", "SL999_first"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        connected.add(channel);
        JsonNode account = api.ok(api.get("/api/channels/" + channel + "/connector"));
        assertThat(account.path("credentialsSet").toString()).contains("serviceSecret", "licenseKey");

        browser.postForm("/channels/" + channel + "/connector", java.util.Map.of("platform", "RAKUTEN",
                "baseUrl", "http://127.0.0.1:" + platform.getAddress().getPort(),
                "f.RAKUTEN.serviceSecret", "", "f.RAKUTEN.licenseKey", "SL999_second"));
        String page = browser.get("/channels/" + channel + "/connector").body();
        assertThat(page).doesNotContain("SP999_first", "SL999_first", "SL999_second");
        assertThat(api.ok(api.get("/api/channels/" + channel + "/connector")).path("credentialsSet").toString())
                .as("the empty input kept the stored secret").contains("serviceSecret", "licenseKey");

        ShopApi.Response refused = browser.postForm("/channels/" + channel + "/connector", java.util.Map.of(
                "platform", "AMAZON", "f.AMAZON.sellerId", "", "f.AMAZON.clientId", "x"));
        assertThat(refused.body()).contains("the Amazon seller id (merchant token) is required")
                .containsPattern("name=\"f\\.AMAZON\\.sellerId\"[^>]*aria-invalid=\"true\"");
        java.util.regex.Matcher alert = java.util.regex.Pattern.compile("<p class=\"error\" role=\"alert\">([^<]*)</p>")
                .matcher(refused.body());
        assertThat(alert.find()).as(refused.body()).isTrue();
        assertThat(alert.group(1).split("settings\\.sellerId", -1)).as("the field named once: " + alert.group(1))
                .hasSize(2);
        assertThat(api.ok(api.get("/api/channels/" + channel + "/connector")).path("platform").asString())
                .as("a refused form changed nothing").isEqualTo("RAKUTEN");
    }
}
