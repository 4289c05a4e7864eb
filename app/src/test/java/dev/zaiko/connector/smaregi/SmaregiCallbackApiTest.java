package dev.zaiko.connector.smaregi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.zaiko.channel.ChannelApi;
import dev.zaiko.connector.ConnectorProperties;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Smaregi's completion notice of a bulk stock update, posted without a Zaiko token to the signed URL
 * the push handed out: a genuine one, once, becomes the connector's health and a failure is pushed
 * again; anything else is not found, and the same notice again changes nothing. Smaregi is a WireMock
 * stub on loopback (the account's base URL) that takes every bulk update with 202.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class SmaregiCallbackApiTest {

    static final String SECRET = "till-callback-secret-7Hq2";
    static final String NONCE = "5b0e7a52-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String REQUEST_ID = "987654321";
    static final String PUBLIC = "https://zaiko.example.jp";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    ConnectorProperties properties;

    final WireMockServer smaregi = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    ChannelApi api;
    ShopApi.Shop shop;
    String channel;
    String other;

    @BeforeEach
    void aTillConnectedToSmaregi() {
        smaregi.start();
        smaregi.stubFor(post(urlPathEqualTo("/app/zaiko1/token")).willReturn(okJson(SmaregiConnectorTest.recorded("token-answer.json"))));
        smaregi.stubFor(patch(urlPathEqualTo("/zaiko1/pos/stock/bulk")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(SmaregiConnectorTest.recorded("stock-bulk-accepted.json"))));
        api = new ChannelApi(port);
        shop = api.shop();
        channel = shop.till();
        other = api.shop().till();
        connect(channel, SECRET);
        connect(other, "another-till-secret-9Zx4");
    }

    @AfterEach
    void disconnect() {
        clock.reset();
        api.delete("/api/channels/" + channel + "/connector");
        api.delete("/api/channels/" + other + "/connector");
        smaregi.stop();
    }

    void connect(String till, String secret) {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SMAREGI").put("sandbox", true)
                .put("baseUrl", "http://127.0.0.1:" + smaregi.port());
        body.putObject("settings").put("contractId", "zaiko1").put("storeId", "1").put("callbackBaseUrl", PUBLIC);
        body.putObject("credentials").put("clientId", "client").put("clientSecret", "client-secret")
                .put("callbackSecret", secret);
        api.ok(api.put("/api/channels/" + till + "/connector", body));
    }

    /** A product sellable at the till's store, mapped to a Smaregi productId: the till pushes it. */
    String sellable(String productId, int units) {
        String sku = api.product("TILL");
        api.ok(api.put("/api/channels/" + channel + "/connector/items/" + sku, ShopApi.JSON.createObjectNode()
                .set("identifiers", ShopApi.JSON.createObjectNode().put("productId", productId))));
        api.sellable(sku, shop.store(), units);
        return sku;
    }

    /** One bulk update Smaregi received: its rows (productId -> stockAmount) and its callback URL. */
    record Bulk(Map<String, String> amounts, String callback) {
    }

    List<Bulk> bulks() {
        List<ServeEvent> events = new ArrayList<>(smaregi.getAllServeEvents());
        events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
        List<Bulk> bulks = new ArrayList<>();
        for (ServeEvent e : events) {
            if (!e.getRequest().getMethod().getName().equals("PATCH")) continue;
            JsonNode json = ShopApi.JSON.readTree(e.getRequest().getBodyAsString());
            Map<String, String> amounts = new LinkedHashMap<>();
            for (JsonNode row : json.path("stock")) amounts.put(row.path("productId").asString(), row.path("stockAmount").asString());
            bulks.add(new Bulk(amounts, json.path("callbackUrl").asString().substring(PUBLIC.length())));
        }
        return bulks;
    }

    /** Waits for Smaregi to have been told this productId's amount, and answers that bulk update. */
    Bulk awaitBulk(String productId, String amount, int after) {
        await("bulk update setting " + productId + " to " + amount).atMost(Duration.ofSeconds(20)).until(() ->
                bulks().stream().skip(after).anyMatch(b -> amount.equals(b.amounts().get(productId))));
        await("the push recorded").atMost(Duration.ofSeconds(5)).until(() -> api.ok(api.get("/api/channels/"
                + channel + "/adapter")).path("queued").intValue() == 0);
        return bulks().stream().skip(after).filter(b -> amount.equals(b.amounts().get(productId))).findFirst().orElseThrow();
    }

    /** The callback URL's path and query as Zaiko would sign it for this channel (never handed out with a push). */
    String signedUrl(String till, String secret, String nonce) {
        return "/api/connector/smaregi/callback/" + till + "?nonce=" + nonce + "&signature="
                + SmaregiConnector.sign(secret, till, nonce);
    }

    /** Smaregi's POST: no Authorization header, a JSON body. */
    ShopApi.Response notice(String pathAndQuery, String json) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + pathAndQuery))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return new ShopApi.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), null,
                    r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode health(String till) {
        return api.ok(api.get("/api/channels/" + till + "/connector")).path("health");
    }

    Map<String, Object> row(String till) {
        return jdbc.queryForMap("select last_success_at, last_error, last_error_at, updated_at from connector_account"
                + " where channel = ?", till);
    }

    Long feedSeq(String sku) {
        return jdbc.queryForObject("select seq from channel_feed where channel = ? and sku = ?", Long.class, channel, sku);
    }

    @Test
    void aSignedNoticeOfADoneUpdateIsAcceptedWithoutATokenAndRecordedAsASuccess() {
        sellable("101", 5);
        Bulk bulk = awaitBulk("101", "5", 0);
        clock.advance(Duration.ofMinutes(3));
        Instant before = clock.instant().truncatedTo(ChronoUnit.MICROS);

        ShopApi.Response answer = notice(bulk.callback(), "[{\"requestId\":987654321}]");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("received").asInt()).isEqualTo(1);
        assertThat(answer.json().path("failed").asInt()).isZero();
        assertThat(Instant.parse(health(channel).path("lastSuccessAt").asString())).isBetween(before, clock.instant());
        assertThat(health(channel).path("lastError").isNull()).isTrue();
        assertThat(row(other).get("last_success_at")).as("the other till is untouched").isNull();
        assertThat(jdbc.queryForObject("select outcome from connector_async_push where channel = ?", String.class, channel))
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aFailedUpdateShowsInSmaregisWordsAndItsSkusArePushedAgainUnlessANewerValueWasSentMeanwhile() {
        String tent = sellable("101", 5);
        Bulk first = awaitBulk("101", "5", 0);
        String lamp = sellable("102", 3);
        Bulk lampFirst = awaitBulk("102", "3", 0);
        api.tillSale(shop.store(), lamp, 1); // the lamp's 2 supersedes the 3 whatever became of it
        awaitBulk("102", "2", bulks().indexOf(lampFirst) + 1);
        int sent = bulks().size();

        Instant before = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String failure = "[{\"requestId\":\"987654321\",\"errors\":[\"商品IDが存在しません\"]}]";
        assertThat(notice(first.callback(), failure).json().path("failed").asInt()).isEqualTo(1);
        if (!lampFirst.callback().equals(first.callback())) {
            assertThat(notice(lampFirst.callback(), failure).json().path("failed").asInt()).isEqualTo(1);
        }

        JsonNode health = health(channel);
        assertThat(health.path("lastError").asString()).contains(REQUEST_ID).contains("商品IDが存在しません");
        assertThat(Instant.parse(health.path("lastErrorAt").asString())).isBetween(before, clock.instant());
        Bulk again = awaitBulk("101", "5", sent);
        assertThat(again.amounts()).as("the tent again with its current value, not the superseded lamp")
                .containsExactly(Map.entry("101", "5"));
        assertThat(bulks().stream().skip(sent).filter(b -> b.amounts().containsKey("102")).toList())
                .as("the lamp's 3 is never sent after its 2").isEmpty();
        assertThat(feedSeq(tent)).isNotNull();
    }

    @Test
    void theSameNoticeAgainIsAnsweredButChangesNothingAndANoticeNamingAnotherRequestIsIgnored() {
        String tent = sellable("101", 5);
        Bulk bulk = awaitBulk("101", "5", 0);

        ShopApi.Response stranger = notice(bulk.callback(), "[{\"requestId\":\"1\",\"errors\":[\"not ours\"]}]");
        assertThat(stranger.status()).isEqualTo(200);
        assertThat(stranger.json().path("received").asInt()).as("another request's entry is ignored").isZero();
        assertThat(health(channel).path("lastError").isNull()).isTrue();

        String failure = "[{\"requestId\":\"987654321\",\"errors\":[\"在庫数が不正です\"]}]";
        assertThat(notice(bulk.callback(), failure).json().path("failed").asInt()).isEqualTo(1);
        awaitBulk("101", "5", 1);
        Map<String, Object> account = row(channel);
        Long seq = feedSeq(tent);
        int sent = bulks().size();

        clock.advance(Duration.ofSeconds(5));
        ShopApi.Response replay = notice(bulk.callback(), failure);
        ShopApi.Response replayedSuccess = notice(bulk.callback(), "[{\"requestId\":987654321}]");

        for (ShopApi.Response r : List.of(replay, replayedSuccess)) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("received").asInt()).isZero();
            assertThat(r.json().path("failed").asInt()).isZero();
        }
        assertThat(row(channel)).as("the connector's health as it was").isEqualTo(account);
        assertThat(feedSeq(tent)).as("nothing pushed again").isEqualTo(seq);
        assertThat(bulks()).hasSize(sent);
    }

    @Test
    void aBulkUpdateNeverAnsweredIsPushedAgainOnceTheSettingHasPassedOnTheApplicationsClock() {
        String tent = sellable("101", 5);
        awaitBulk("101", "5", 0);
        Jobs.runRecurring(jobs, clock, "connector-async-answers");
        assertThat(jdbc.queryForObject("select count(*) from connector_async_push where channel = ? and answered_at is null",
                Integer.class, channel)).as("not yet: the answer may still come").isEqualTo(1);

        clock.advance(properties.asyncAnswerWithin().plusSeconds(1));
        Jobs.runRecurring(jobs, clock, "connector-async-answers");

        Bulk again = awaitBulk("101", "5", 1);
        assertThat(again.amounts()).containsExactly(Map.entry("101", "5"));
        assertThat(health(channel).path("lastError").asString()).contains("never answered").contains(REQUEST_ID);
        assertThat(jdbc.queryForObject("select outcome from connector_async_push where channel = ? and answered_at is not null",
                String.class, channel)).isEqualTo("UNANSWERED");
        assertThat(feedSeq(tent)).isNotNull();
    }

    @Test
    void aForgedSignatureAnotherChannelsUrlAnUnknownNonceOrNoSignatureIsNotFoundAndChangesNothing(CapturedOutput output) {
        Map<String, Object> before = row(channel);
        Map<String, Object> otherBefore = row(other);
        String failure = "[{\"requestId\":\"42\",\"errors\":[\"forged\"]}]";
        String forgedSignature = "0".repeat(64);

        String otherChannelsSignature = SmaregiConnector.sign(SECRET, other, NONCE);
        for (String url : new String[]{
                "/api/connector/smaregi/callback/" + channel + "?nonce=" + NONCE + "&signature=" + forgedSignature,
                // the other till's genuine URL, aimed at this channel
                "/api/connector/smaregi/callback/" + channel + "?nonce=" + NONCE + "&signature="
                        + SmaregiConnector.sign("another-till-secret-9Zx4", other, NONCE),
                // this channel's signature on the other till's path
                "/api/connector/smaregi/callback/" + other + "?nonce=" + NONCE + "&signature=" + otherChannelsSignature,
                // signed under the wrong secret
                signedUrl(channel, "not-the-secret", NONCE),
                // signed with the channel's own secret, on a nonce no push was handed
                signedUrl(channel, SECRET, NONCE),
                "/api/connector/smaregi/callback/" + channel + "?nonce=" + NONCE,
                "/api/connector/smaregi/callback/" + channel,
                // a channel without a connector
                signedUrl("NO-SUCH-CHANNEL", SECRET, NONCE)}) {
            ShopApi.Response answer = notice(url, failure);
            assertThat(answer.status()).as(url + ": " + answer.body()).isEqualTo(404);
            assertThat(answer.contentType()).as(url).startsWith("application/problem+json");
            assertThat(answer.body()).as(url).doesNotContain(forgedSignature).doesNotContain(otherChannelsSignature);
        }

        assertThat(row(channel)).isEqualTo(before);
        assertThat(row(other)).isEqualTo(otherBefore);
        assertThat(output.getAll()).doesNotContain(forgedSignature).doesNotContain(otherChannelsSignature);
    }

    @Test
    void theSignatureIsNeverLoggedNorAnOversizedNoticeRead(CapturedOutput output) {
        sellable("101", 5);
        String url = awaitBulk("101", "5", 0).callback();
        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        Map<String, Object> before = row(channel);

        ShopApi.Response tooLarge = notice(url, "[{\"requestId\":\"1\",\"errors\":[\"" + "x".repeat(70_000) + "\"]}]");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(row(channel)).isEqualTo(before);

        assertThat(notice(url, "[{\"requestId\":\"987654321\",\"errors\":[\"在庫数が不正です\"]}]").status()).isEqualTo(200);
        assertThat(output.getAll()).contains("在庫数が不正です").doesNotContain(signature);
    }
}
