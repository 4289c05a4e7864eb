package dev.zaiko.connector.smaregi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

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
 * the push handed out: a genuine one becomes the connector's health, anything else is not found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class SmaregiCallbackApiTest {

    static final String SECRET = "till-callback-secret-7Hq2";
    static final String NONCE = "5b0e7a52-1c3d-4e5f-8a9b-0c1d2e3f4a5b";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MovableClock clock;

    ShopApi api;
    String channel;
    String other;

    @BeforeEach
    void aTillConnectedToSmaregi() {
        api = new ShopApi(port) {
        };
        channel = api.shop().till();
        other = api.shop().till();
        connect(channel, SECRET);
        connect(other, "another-till-secret-9Zx4");
    }

    @AfterEach
    void disconnect() {
        api.delete("/api/channels/" + channel + "/connector");
        api.delete("/api/channels/" + other + "/connector");
    }

    void connect(String till, String secret) {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", "SMAREGI").put("sandbox", true);
        body.putObject("settings").put("contractId", "zaiko1").put("storeId", "1")
                .put("callbackBaseUrl", "https://zaiko.example.jp");
        body.putObject("credentials").put("clientId", "client").put("clientSecret", "client-secret")
                .put("callbackSecret", secret);
        api.ok(api.put("/api/channels/" + till + "/connector", body));
    }

    /** The callback URL's path and query as Zaiko hands it out for this channel. */
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

    @Test
    void aSignedNoticeOfADoneUpdateIsAcceptedWithoutATokenAndRecordedAsASuccess() {
        clock.advance(Duration.ofMinutes(3));
        Instant before = clock.instant().truncatedTo(ChronoUnit.MICROS);

        ShopApi.Response answer = notice(signedUrl(channel, SECRET, NONCE), "[{\"requestId\":987654321}]");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("received").asInt()).isEqualTo(1);
        assertThat(answer.json().path("failed").asInt()).isZero();
        assertThat(Instant.parse(health(channel).path("lastSuccessAt").asString())).isBetween(before, clock.instant());
        assertThat(health(channel).path("lastError").isNull()).isTrue();
        assertThat(row(other).get("last_success_at")).as("the other till is untouched").isNull();
    }

    @Test
    void aSignedNoticeOfAFailedUpdateShowsAsTheConnectorsLastErrorInSmaregisWords() {
        Instant before = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ShopApi.Response answer = notice(signedUrl(channel, SECRET, NONCE),
                "[{\"requestId\":\"42\",\"errors\":[\"商品IDが存在しません\"]}]");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("failed").asInt()).isEqualTo(1);
        JsonNode health = health(channel);
        assertThat(health.path("lastError").asString()).contains("42").contains("商品IDが存在しません");
        assertThat(Instant.parse(health.path("lastErrorAt").asString())).isBetween(before, clock.instant());
        assertThat(health.path("lastSuccessAt").isNull()).isTrue();
    }

    @Test
    void aForgedSignatureAnotherChannelsUrlOrNoSignatureIsNotFoundAndChangesNothing(CapturedOutput output) {
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
        String url = signedUrl(channel, SECRET, NONCE);
        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        Map<String, Object> before = row(channel);

        ShopApi.Response tooLarge = notice(url, "[{\"requestId\":\"1\",\"errors\":[\"" + "x".repeat(70_000) + "\"]}]");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(row(channel)).isEqualTo(before);

        assertThat(notice(url, "[{\"requestId\":\"7\",\"errors\":[\"在庫数が不正です\"]}]").status()).isEqualTo(200);
        assertThat(output.getAll()).contains("在庫数が不正です").doesNotContain(signature);
    }
}
