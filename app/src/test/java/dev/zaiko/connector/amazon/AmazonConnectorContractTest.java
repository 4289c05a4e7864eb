package dev.zaiko.connector.amazon;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.zaiko.connector.ConnectorAccount;
import dev.zaiko.connector.ConnectorException;
import dev.zaiko.connector.ConnectorHttp;
import dev.zaiko.connector.Platform;
import dev.zaiko.connector.PlatformClient;
import dev.zaiko.connector.PlatformClient.BulkProgress;
import dev.zaiko.connector.PlatformClient.CancellationOutcome;
import dev.zaiko.connector.PlatformClient.CancellationRequest;
import dev.zaiko.connector.PlatformClient.QuantityUpdate;
import dev.zaiko.connector.PlatformConnector.FieldProblem;
import dev.zaiko.platform.outbound.HostResolver;
import dev.zaiko.platform.outbound.OutboundHttp;
import dev.zaiko.platform.outbound.OutboundProperties;
import dev.zaiko.platform.outbound.OutboundTargets;
import dev.zaiko.support.MovableClock;

/**
 * The Amazon adapter against WireMock stubs that accept only the documented requests (method, path,
 * marketplace query, the LWA token in x-amz-access-token, content type, body): a request of another
 * shape gets WireMock's 404 and the test fails. Recorded bodies: src/test/resources/connector/amazon.
 */
class AmazonConnectorContractTest {

    static final String SELLER = "A2SELLER0JP";
    static final String JAPAN = "A1VC38T7YXB528";
    static final String CLIENT_ID = "amzn1.application-oa2-client.zaiko0test";
    static final String CLIENT_SECRET = "amzn1.oa2-cs.v1.s3cr3t-client-secret";
    static final String REFRESH_TOKEN = "Atzr|seller-refresh-token";
    static final String FIRST = "Atza|first-access-token";
    static final String SECOND = "Atza|second-access-token";
    static final String LISTING = "/listings/2021-08-01/items/" + SELLER + "/AMZ-TEA-100";

    final WireMockServer amazon = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    /** sp.test (the SP-API and LWA stub) and uploads.test (the "S3" of pre-signed URLs) are both the stub. */
    final HostResolver names = host -> host.endsWith(".test")
            ? new InetAddress[] {InetAddress.getByName("127.0.0.1")} : InetAddress.getAllByName(host);
    final OutboundHttp outbound = new OutboundHttp(
            new OutboundTargets(new OutboundProperties(false, List.of("127.0.0.0/8")), names));
    final ConnectorHttp http = new ConnectorHttp(outbound, Duration.ofSeconds(2), Duration.ofSeconds(5));
    final MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
    final AmazonConnector connector = new AmazonConnector(clock);
    final Map<String, String> stored = new ConcurrentHashMap<>();
    final Map<String, Map<String, String>> mapping = new HashMap<>();

    @BeforeEach
    void start() {
        amazon.start();
        mapping.put("TEA-100", Map.of("sellerSku", "AMZ-TEA-100"));
    }

    @AfterEach
    void stop() {
        amazon.stop();
        outbound.close();
    }

    String base() {
        return "http://sp.test:" + amazon.port();
    }

    ConnectorAccount account(Map<String, String> settings, Map<String, String> credentials) {
        ConnectorAccount.ItemMapping items = new ConnectorAccount.ItemMapping() {
            @Override
            public Optional<Map<String, String>> identifiers(String sku) {
                return Optional.ofNullable(mapping.get(sku));
            }

            @Override
            public Optional<String> sku(String name, String value) {
                return mapping.entrySet().stream().filter(e -> value.equals(e.getValue().get(name)))
                        .map(Map.Entry::getKey).findFirst();
            }
        };
        ConnectorAccount.TokenStore tokens = new ConnectorAccount.TokenStore() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(stored.get(name));
            }

            @Override
            public void put(String name, String value) {
                stored.put(name, value);
            }
        };
        return new ConnectorAccount("AMAZON", Platform.AMAZON, false, base(), settings, credentials, items, tokens);
    }

    ConnectorAccount account() {
        return account(Map.of("sellerId", SELLER, "lwaUrl", base() + "/auth/o2/token"),
                Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "refreshToken", REFRESH_TOKEN));
    }

    PlatformClient client() {
        return connector.client(account(), http);
    }

    static String recorded(String name) {
        try (InputStream in = AmazonConnectorContractTest.class.getResourceAsStream("/connector/amazon/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing recorded example " + name, e);
        }
    }

    /** The documented LWA refresh-token grant, form-encoded, with the app's and the seller's credentials. */
    MappingBuilder tokenExchange() {
        return post(urlPathEqualTo("/auth/o2/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo(REFRESH_TOKEN))
                .withFormParam("client_id", equalTo(CLIENT_ID))
                .withFormParam("client_secret", equalTo(CLIENT_SECRET));
    }

    /** First exchange answers FIRST, every later one SECOND. */
    void lwaAnswersFirstThenSecond() {
        amazon.stubFor(tokenExchange().inScenario("lwa").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("refreshed")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(recorded("lwa-token-answer.json"))));
        amazon.stubFor(tokenExchange().inScenario("lwa").whenScenarioStateIs("refreshed")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(recorded("lwa-token-answer.json").replace(FIRST, SECOND))));
    }

    /** patchListingsItem as documented: merge on fulfillment_availability, JSON, the marketplace, the token. */
    MappingBuilder patchWith(String token, String body) {
        return patch(urlPathEqualTo(LISTING))
                .withQueryParam("marketplaceIds", equalTo(JAPAN))
                .withHeader("x-amz-access-token", equalTo(token))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson(body));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RateLimit-Limit", "5.0").withBody(recorded(file));
    }

    @Test
    void aQuantityIsSetWithTheMergeOperationOnTheMerchantFulfilledAvailabilityUsingAFreshLwaToken() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(patchWith(FIRST, recorded("patch-listings-item-request.json"))
                .willReturn(json(200, "patch-listings-item-accepted.json")));

        PlatformClient.PushOutcome outcome = client().setQuantities(List.of(new QuantityUpdate("TEA-100", 7)));

        assertThat(outcome.accepted()).containsExactly("TEA-100");
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.reference()).isEqualTo("f1dc2914-75dd-11ea-bc55-0242ac130003");
        amazon.verify(1, postRequestedFor(urlPathEqualTo("/auth/o2/token")));
        amazon.verify(1, patchRequestedFor(urlPathEqualTo(LISTING)));
    }

    @Test
    void theProductTypeOfTheMappingIsSentWhenTheMappingNamesOne() throws Exception {
        lwaAnswersFirstThenSecond();
        mapping.put("TEA-100", Map.of("sellerSku", "AMZ-TEA-100", "productType", "GROCERY"));
        amazon.stubFor(patchWith(FIRST, recorded("patch-listings-item-request.json").replace("PRODUCT", "GROCERY")
                .replace("7", "0")).willReturn(json(200, "patch-listings-item-accepted.json")));

        assertThat(client().setQuantities(List.of(new QuantityUpdate("TEA-100", 0))).accepted())
                .containsExactly("TEA-100");
    }

    @Test
    void theTokenIsReusedUntilAMinuteBeforeItsHourEndsThenExchangedAgain() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(patchWith(FIRST, recorded("patch-listings-item-request.json"))
                .willReturn(json(200, "patch-listings-item-accepted.json")));
        amazon.stubFor(patchWith(SECOND, recorded("patch-listings-item-request.json"))
                .willReturn(json(200, "patch-listings-item-accepted.json")));
        List<QuantityUpdate> seven = List.of(new QuantityUpdate("TEA-100", 7));

        client().setQuantities(seven);
        clock.advance(Duration.ofMinutes(58));
        client().setQuantities(seven); // a new client of the same channel: the stored token, no exchange
        amazon.verify(1, postRequestedFor(urlPathEqualTo("/auth/o2/token")));

        clock.advance(Duration.ofSeconds(61)); // 59:01 of 60:00: within the minute's margin
        client().setQuantities(seven);

        amazon.verify(2, postRequestedFor(urlPathEqualTo("/auth/o2/token")));
        amazon.verify(1, patchRequestedFor(urlPathEqualTo(LISTING)).withHeader("x-amz-access-token", equalTo(SECOND)));
        assertThat(stored).containsEntry(LoginWithAmazon.STORED_TOKEN, SECOND);
    }

    @Test
    void anAnswerThatTheTokenExpiredRefreshesItOnceAndRetries() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(patchWith(FIRST, recorded("patch-listings-item-request.json"))
                .willReturn(json(403, "error-token-expired.json")));
        amazon.stubFor(patchWith(SECOND, recorded("patch-listings-item-request.json"))
                .willReturn(json(200, "patch-listings-item-accepted.json")));

        assertThat(client().setQuantities(List.of(new QuantityUpdate("TEA-100", 7))).accepted())
                .containsExactly("TEA-100");
        amazon.verify(2, postRequestedFor(urlPathEqualTo("/auth/o2/token")));
        amazon.verify(2, patchRequestedFor(urlPathEqualTo(LISTING)));
    }

    @Test
    void aTokenRefusedAgainAfterOneRefreshIsUnauthorizedAndNotRetriedForever() {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(patch(urlPathEqualTo(LISTING)).willReturn(json(401, "error-access-denied.json")));

        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("TEA-100", 7))))
                .isInstanceOf(ConnectorException.Unauthorized.class)
                .hasMessageContaining("Access to requested resource is denied");
        amazon.verify(2, postRequestedFor(urlPathEqualTo("/auth/o2/token")));
        amazon.verify(2, patchRequestedFor(urlPathEqualTo(LISTING)));
    }

    @Test
    void aRefusedRefreshTokenIsUnauthorizedAndItsMessageHoldsNoCredential() {
        amazon.stubFor(tokenExchange().willReturn(json(400, "lwa-invalid-grant.json")));

        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("TEA-100", 7))))
                .isInstanceOfSatisfying(ConnectorException.Unauthorized.class, e -> {
                    assertThat(e.getMessage()).contains("invalid_grant")
                            .doesNotContain(REFRESH_TOKEN, CLIENT_SECRET, CLIENT_ID, "Atzr|");
                });
        amazon.verify(0, patchRequestedFor(urlPathEqualTo(LISTING)));
        PlatformClient.ConnectionCheck check = client().testConnection();
        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("invalid_grant").doesNotContain(REFRESH_TOKEN, CLIENT_SECRET);
    }

    @Test
    void aCredentialEchoedByTheLoginServerIsRedactedFromTheMessage() {
        amazon.stubFor(tokenExchange().willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client "
                + CLIENT_SECRET + " unknown for " + REFRESH_TOKEN + "\"}")));

        assertThatThrownBy(() -> client().readQuantities(List.of("TEA-100")))
                .isInstanceOfSatisfying(ConnectorException.Unauthorized.class, e -> assertThat(e.getMessage())
                        .contains("invalid_client", "[redacted]").doesNotContain(CLIENT_SECRET, REFRESH_TOKEN));
    }

    @Test
    void tooManyRequestsIsThrottledWithTheWaitOfTheRateAmazonStates() {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(patchWith(FIRST, recorded("patch-listings-item-request.json")).willReturn(
                aResponse().withStatus(429).withHeader("x-amzn-RateLimit-Limit", "2.0")
                        .withHeader("Content-Type", "application/json").withBody(recorded("error-quota-exceeded.json"))));

        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("TEA-100", 7))))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(500));
                    assertThat(e.getMessage()).contains("patchListingsItem", "2.0").doesNotContain(FIRST);
                });
        amazon.verify(1, patchRequestedFor(urlPathEqualTo(LISTING)));
    }

    @Test
    void tooManyRequestsWithoutARateHeaderWaitsOneSecond() {
        assertThat(AmazonClient.waitFor(Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(AmazonClient.waitFor(Optional.of("0.0083"))).isEqualTo(Duration.ofMillis(120482));
        assertThat(AmazonClient.waitFor(Optional.of("not a rate"))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anInvalidSubmissionRejectsThatSkuWithAmazonsIssueAndAnUnmappedSkuIsNotSent() throws Exception {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(patchWith(FIRST, recorded("patch-listings-item-request.json"))
                .willReturn(json(200, "patch-listings-item-invalid.json")));
        PlatformClient client = client();

        PlatformClient.PushOutcome invalid = client.setQuantities(List.of(new QuantityUpdate("TEA-100", 7)));
        PlatformClient.PushOutcome unmapped = client.setQuantities(List.of(new QuantityUpdate("MUG-1", 3)));

        assertThat(invalid.accepted()).isEmpty();
        assertThat(invalid.rejected()).containsEntry("TEA-100", "90000900: The attributes are invalid.");
        assertThat(unmapped.rejected()).containsOnlyKeys("MUG-1");
        amazon.verify(1, patchRequestedFor(urlPathEqualTo(LISTING)));
    }

    @Test
    void amazonTakesOneListingPerRequestAtFivePerSecondWithABurstOfFive() {
        assertThat(connector.limits().maxBatch()).isEqualTo(1);
        assertThat(connector.limits().requestsPerSecond()).isEqualTo(5.0);
        assertThat(connector.limits().burst()).isEqualTo(5);
        assertThatThrownBy(() -> client().setQuantities(List.of(new QuantityUpdate("TEA-100", 1),
                new QuantityUpdate("TEA-200", 2)))).isInstanceOf(IllegalArgumentException.class);
        amazon.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void readingBackGivesTheMerchantFulfilledQuantityAndLeavesOutSkusAmazonDoesNotKnow() throws Exception {
        lwaAnswersFirstThenSecond();
        mapping.put("GONE-1", Map.of("sellerSku", "AMZ-GONE"));
        amazon.stubFor(get(urlPathEqualTo(LISTING)).withQueryParam("marketplaceIds", equalTo(JAPAN))
                .withQueryParam("includedData", equalTo("fulfillmentAvailability"))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .willReturn(json(200, "get-listings-item-answer.json")));
        amazon.stubFor(get(urlPathEqualTo("/listings/2021-08-01/items/" + SELLER + "/AMZ-GONE"))
                .withQueryParam("marketplaceIds", equalTo(JAPAN))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .willReturn(json(404, "error-not-found.json")));

        Optional<Map<String, Integer>> shown = client().readQuantities(List.of("TEA-100", "GONE-1", "UNMAPPED"));

        assertThat(shown).contains(Map.of("TEA-100", 5));
        amazon.verify(1, getRequestedFor(urlPathEqualTo(LISTING)));
        amazon.verify(1, getRequestedFor(urlPathEqualTo("/listings/2021-08-01/items/" + SELLER + "/AMZ-GONE")));
    }

    @Test
    void aStockoutCancellationUploadsTheAcknowledgementFeedWithNoInventoryAndIsPendingOnTheFeedId() throws Exception {
        lwaAnswersFirstThenSecond();
        String upload = "http://uploads.test:" + amazon.port() + "/feed-doc?X-Amz-Signature=abc";
        amazon.stubFor(post(urlPathEqualTo("/feeds/2021-06-30/documents"))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson(recorded("create-feed-document-request.json")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(recorded("create-feed-document-answer.json").replace("UPLOAD_URL", upload))));
        amazon.stubFor(put(urlPathEqualTo("/feed-doc"))
                .withHeader("Host", containing("uploads.test"))
                .withHeader("Content-Type", equalTo("text/xml; charset=UTF-8"))
                .withHeader("x-amz-access-token", absent()) // the URL is pre-signed: no token goes to S3
                .withRequestBody(equalToXml(recorded("order-acknowledgement-no-inventory.xml")))
                .willReturn(aResponse().withStatus(200)));
        amazon.stubFor(post(urlPathEqualTo("/feeds/2021-06-30/feeds"))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .withRequestBody(equalToJson(recorded("create-feed-request.json")))
                .willReturn(json(202, "create-feed-answer.json")));

        CancellationOutcome outcome = client().cancelForStockout(
                new CancellationRequest("249-6070298-2783041", "25959136016214", "TEA-100", 1, "cancel-1"));

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.PENDING);
        assertThat(outcome.reference()).isEqualTo("3485934");
        amazon.verify(1, putRequestedFor(urlPathEqualTo("/feed-doc")));
        amazon.verify(1, postRequestedFor(urlPathEqualTo("/feeds/2021-06-30/feeds")));
    }

    @Test
    void anUploadUrlOutsideTheOutboundRulesIsRefusedAndNoFeedIsCreated() {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(post(urlPathEqualTo("/feeds/2021-06-30/documents")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(recorded("create-feed-document-answer.json")
                        .replace("UPLOAD_URL", "http://10.0.0.5/feed-doc"))));

        assertThatThrownBy(() -> client().cancelForStockout(
                new CancellationRequest("249-6070298-2783041", "25959136016214", "TEA-100", 1, "cancel-1")))
                .isInstanceOf(ConnectorException.Failed.class).hasMessageContaining("upload");
        amazon.verify(0, postRequestedFor(urlPathEqualTo("/feeds/2021-06-30/feeds")));
    }

    @Test
    void aCancellationWithoutTheAmazonOrderItemCodeIsNotSentAndGoesToAPersonAtOnce() throws Exception {
        CancellationOutcome outcome = client().cancelForStockout(
                new CancellationRequest("249-6070298-2783041", null, "TEA-100", 1, "cancel-1"));
        assertThat(outcome.status()).as("refused: asking again cannot help").isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("AmazonOrderItemCode", "Seller Central");
        amazon.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCancellationOfSomeUnitsOfAnItemWhoseOtherUnitsStillShipIsNotSent() throws Exception {
        // the feed cancels the whole item: sending it would cancel the 2 units that still ship
        CancellationOutcome outcome = client().cancelForStockout(
                new CancellationRequest("249-6070298-2783041", "25959136016214", "TEA-100", 1, "cancel-1", 2));
        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("25959136016214", "2 unit(s) of it still ship", "Seller Central");
        amazon.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theConnectionTestAsksForTheSellersMarketplaceParticipations() {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(get(urlPathEqualTo("/sellers/v1/marketplaceParticipations"))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .willReturn(json(200, "marketplace-participations-answer.json")));

        PlatformClient.ConnectionCheck check = client().testConnection();

        assertThat(check.ok()).isTrue();
        assertThat(check.message()).contains("Amazon.co.jp", JAPAN, "Zaiko Tea Shop");
    }

    @Test
    void aConnectionTestForAMarketplaceTheSellerIsNotInFails() {
        lwaAnswersFirstThenSecond();
        amazon.stubFor(get(urlPathEqualTo("/sellers/v1/marketplaceParticipations"))
                .willReturn(json(200, "marketplace-participations-answer.json")));
        Map<String, String> settings = new LinkedHashMap<>(Map.of("sellerId", SELLER,
                "lwaUrl", base() + "/auth/o2/token", "marketplaceId", "A39IBJ37TRP1C6"));

        PlatformClient.ConnectionCheck check = connector.client(account(settings, Map.of("clientId", CLIENT_ID,
                "clientSecret", CLIENT_SECRET, "refreshToken", REFRESH_TOKEN)), http).testConnection();

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("A39IBJ37TRP1C6");
    }

    @Test
    void validationNamesTheMissingSellerAndCredentialsAndALoginUrlThatWouldLeakTheSecrets() {
        List<FieldProblem> missing = connector.validate(account(Map.of(), Map.of()));
        assertThat(missing).extracting(FieldProblem::field).containsExactlyInAnyOrder("settings.sellerId",
                "credentials.clientId", "credentials.clientSecret", "credentials.refreshToken");

        List<FieldProblem> elsewhere = connector.validate(account(
                Map.of("sellerId", SELLER, "lwaUrl", "https://collector.example.com/token"),
                Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "refreshToken", REFRESH_TOKEN)));
        assertThat(elsewhere).extracting(FieldProblem::field).containsExactly("settings.lwaUrl");

        assertThat(connector.validate(account())).isEmpty();
        assertThat(AmazonConnector.marketplaceId(account())).isEqualTo(JAPAN);
        assertThat(AmazonConnector.tokenUrl(account(Map.of("sellerId", SELLER), Map.of())))
                .hasToString("https://api.amazon.com/auth/o2/token");
    }

    @Test
    void withoutAnExplicitBaseUrlTheFarEastProductionOrSandboxHostIsUsed() {
        ConnectorAccount production = new ConnectorAccount("AMAZON", Platform.AMAZON, false, null,
                Map.of("sellerId", SELLER), Map.of(), null, null);
        ConnectorAccount sandbox = new ConnectorAccount("AMAZON", Platform.AMAZON, true, null,
                Map.of("sellerId", SELLER), Map.of(), null, null);
        assertThat(AmazonConnector.base(production)).hasToString("https://sellingpartnerapi-fe.amazon.com");
        assertThat(AmazonConnector.base(sandbox)).hasToString("https://sandbox.sellingpartnerapi-fe.amazon.com");
    }

    static final String FEED = "/feeds/2021-06-30/feeds/3485934";
    static final String RESULT_DOCUMENT = "/feeds/2021-06-30/documents/0356cf79-b8b0-4226-b4b9-0ee058ea5760";

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** getFeed answers the recorded feeds in turn (the last one from then on). */
    void getFeedAnswers(String... files) {
        for (int i = 0; i < files.length; i++) {
            amazon.stubFor(get(urlPathEqualTo(FEED)).withHeader("x-amz-access-token", equalTo(FIRST))
                    .inScenario("feed").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "look " + i)
                    .willSetStateTo("look " + (i + 1 < files.length ? i + 1 : i))
                    .willReturn(json(200, files[i])));
        }
    }

    /** getFeedDocument names a pre-signed download URL on another host; the document there, compressed or not. */
    void resultDocument(byte[] content, boolean gzip) {
        String download = "http://downloads.test:" + amazon.port() + "/report-doc?X-Amz-Signature=def";
        String answer = recorded("get-feed-document-answer.json").replace("DOWNLOAD_URL", download);
        if (!gzip) answer = answer.replace(",\n  \"compressionAlgorithm\": \"GZIP\"", "");
        amazon.stubFor(get(urlPathEqualTo(RESULT_DOCUMENT)).withHeader("x-amz-access-token", equalTo(FIRST))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer)));
        amazon.stubFor(get(urlPathEqualTo("/report-doc")).withHeader("Host", containing("downloads.test"))
                .withHeader("x-amz-access-token", absent()) // the URL is pre-signed: no token goes to S3
                .willReturn(aResponse().withStatus(200).withBody(content)));
    }

    /** createFeedDocument and the upload of the listings feed, exactly as documented. */
    void listingsFeedUpload() {
        String upload = "http://uploads.test:" + amazon.port() + "/feed-doc?X-Amz-Signature=abc";
        amazon.stubFor(post(urlPathEqualTo("/feeds/2021-06-30/documents"))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .withRequestBody(equalToJson(recorded("create-listings-feed-document-request.json")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(recorded("create-feed-document-answer.json").replace("UPLOAD_URL", upload))));
        amazon.stubFor(put(urlPathEqualTo("/feed-doc"))
                .withHeader("Host", containing("uploads.test"))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withHeader("x-amz-access-token", absent())
                .withRequestBody(equalToJson(recorded("listings-feed.json")))
                .willReturn(aResponse().withStatus(200)));
    }

    @Test
    void aLargePushIsOneListingsFeedFollowedToItsGzipReportWhereAnErrorRejectsThatSku() throws Exception {
        lwaAnswersFirstThenSecond();
        mapping.put("TEA-200", Map.of("sellerSku", "AMZ-TEA-200", "productType", "GROCERY"));
        listingsFeedUpload();
        amazon.stubFor(post(urlPathEqualTo("/feeds/2021-06-30/feeds"))
                .withHeader("x-amz-access-token", equalTo(FIRST))
                .withRequestBody(equalToJson(recorded("create-listings-feed-request.json")))
                .willReturn(json(202, "create-feed-answer.json")));
        getFeedAnswers("get-feed-in-progress.json", "get-feed-done.json");
        resultDocument(gzip(recorded("listings-feed-processing-report.json")), true);
        PlatformClient client = client();
        List<QuantityUpdate> updates = List.of(new QuantityUpdate("TEA-100", 7), new QuantityUpdate("UNMAPPED", 3),
                new QuantityUpdate("TEA-200", 0));

        assertThat(client.bulk()).contains(new PlatformClient.BulkLimits(25_000, 0.0083, 15));
        PlatformClient.BulkSubmission submission = client.submitBulk(updates);
        assertThat(submission.reference()).isEqualTo("3485934");
        assertThat(submission.rejected()).containsOnlyKeys("UNMAPPED");

        assertThat(client.followBulk("3485934", updates).status()).isEqualTo(BulkProgress.Status.PENDING);
        amazon.verify(0, getRequestedFor(urlPathEqualTo(RESULT_DOCUMENT)));

        BulkProgress done = client.followBulk("3485934", updates);
        assertThat(done.status()).isEqualTo(BulkProgress.Status.DONE);
        assertThat(done.accepted()).as("a WARNING does not reject").containsExactly("TEA-100");
        assertThat(done.rejected()).containsEntry("TEA-200", "90220: '[fulfillment_availability]' is not valid for this listing.")
                .containsKey("UNMAPPED").hasSize(2);
        amazon.verify(1, putRequestedFor(urlPathEqualTo("/feed-doc")));
        amazon.verify(1, getRequestedFor(urlPathEqualTo("/report-doc")));
    }

    @Test
    void createFeedAnsweredTooManyRequestsIsThrottledWithTheWaitOfItsUsagePlan() {
        lwaAnswersFirstThenSecond();
        listingsFeedUpload();
        mapping.put("TEA-200", Map.of("sellerSku", "AMZ-TEA-200", "productType", "GROCERY"));
        amazon.stubFor(post(urlPathEqualTo("/feeds/2021-06-30/feeds")).willReturn(aResponse().withStatus(429)
                .withHeader("x-amzn-RateLimit-Limit", "0.0083").withHeader("Content-Type", "application/json")
                .withBody(recorded("error-quota-exceeded.json"))));

        assertThatThrownBy(() -> client().submitBulk(List.of(new QuantityUpdate("TEA-100", 7),
                new QuantityUpdate("UNMAPPED", 3), new QuantityUpdate("TEA-200", 0))))
                .isInstanceOfSatisfying(ConnectorException.Throttled.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(120482));
                    assertThat(e.getMessage()).contains("createFeed");
                });
    }

    @Test
    void aListingsFeedAmazonAbortsFailsTheWholeSubmission() throws Exception {
        lwaAnswersFirstThenSecond();
        getFeedAnswers("get-feed-fatal.json");

        BulkProgress progress = client().followBulk("3485934", List.of(new QuantityUpdate("TEA-100", 7)));

        assertThat(progress.status()).isEqualTo(BulkProgress.Status.FAILED);
        assertThat(progress.message()).contains("3485934", "FATAL");
    }

    CancellationRequest acknowledged() {
        return new CancellationRequest("249-6070298-2783041", "25959136016214", "TEA-100", 1, "cancel-1");
    }

    @Test
    void aCancellationFeedStillInProgressIsStillPending() throws Exception {
        lwaAnswersFirstThenSecond();
        getFeedAnswers("get-feed-in-progress.json");

        CancellationOutcome outcome = client().followCancellation(acknowledged(), "3485934");

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.PENDING);
        assertThat(outcome.reference()).isEqualTo("3485934");
        amazon.verify(1, getRequestedFor(urlPathEqualTo(FEED)));
    }

    @Test
    void aCancellationWhoseProcessingReportCountsTheMessageSuccessfulIsConfirmed() throws Exception {
        lwaAnswersFirstThenSecond();
        getFeedAnswers("get-feed-done.json");
        resultDocument(recorded("order-acknowledgement-processing-report-success.xml").getBytes(StandardCharsets.UTF_8),
                false);

        CancellationOutcome outcome = client().followCancellation(acknowledged(), "3485934");

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.CONFIRMED);
        amazon.verify(1, getRequestedFor(urlPathEqualTo("/report-doc")));
    }

    @Test
    void aCancellationWhoseProcessingReportHasAnErrorIsRefusedInAmazonsWords() throws Exception {
        lwaAnswersFirstThenSecond();
        getFeedAnswers("get-feed-done.json");
        resultDocument(gzip(recorded("order-acknowledgement-processing-report-error.xml")), true);

        CancellationOutcome outcome = client().followCancellation(acknowledged(), "3485934");

        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).contains("18028", "did not match any order item");
    }

    @Test
    void aCancellationFeedAmazonAbortedOrCancelledIsRefused() throws Exception {
        lwaAnswersFirstThenSecond();
        getFeedAnswers("get-feed-fatal.json", "get-feed-cancelled.json");
        PlatformClient client = client();

        CancellationOutcome fatal = client.followCancellation(acknowledged(), "3485934");
        CancellationOutcome cancelled = client.followCancellation(acknowledged(), "3485934");

        assertThat(fatal.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(fatal.message()).contains("FATAL");
        assertThat(cancelled.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(cancelled.message()).contains("CANCELLED");
    }

    @Test
    void aProcessingReportWithADoctypeIsNotExpandedAndRefusesRatherThanConfirms() {
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<AmazonEnvelope><MessagesSuccessful>1</MessagesSuccessful><R>&x;</R></AmazonEnvelope>";
        CancellationOutcome outcome = ProcessingReport.cancellation("3485934", hostile.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.status()).isEqualTo(CancellationOutcome.Status.REFUSED);
        assertThat(outcome.message()).doesNotContain("root:");
    }
}
