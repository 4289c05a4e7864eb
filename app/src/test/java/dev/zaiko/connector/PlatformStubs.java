package dev.zaiko.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Four marketplaces as WireMock servers on loopback, each answering only its documented stock
 * update (method, path, credentials, body shape; the recorded answers of the contract tests), so the
 * real adapters can be connected to Zaiko channels end to end. Reads back from the request logs what
 * each "platform" was told, per SKU and per request, with the time WireMock received it.
 */
final class PlatformStubs implements AutoCloseable {

    static final List<Platform> PUSHED = List.of(Platform.AMAZON, Platform.RAKUTEN, Platform.YAHOO, Platform.SHOPIFY);

    static final String SELLER = "A2SELLER0JP";
    static final String AMAZON_LISTINGS = "/listings/2021-08-01/items/" + SELLER + "/";
    static final String RAKUTEN_UPSERT = "/es/2.0/inventories/bulk-upsert";
    static final String RAKUTEN_GET = "/es/2.0/inventories/bulk-get";
    static final String YAHOO_SET = "/ShoppingWebService/V1/setStock";
    static final String SHOPIFY_GRAPHQL = "/admin/api/2026-10/graphql.json";
    static final String ESA = "ESA " + Base64.getEncoder().encodeToString(
            "SP-e2e-secret:SL-e2e-license".getBytes(StandardCharsets.UTF_8));

    private final Map<Platform, WireMockServer> servers = new EnumMap<>(Platform.class);
    /** The platform's identifier of a SKU back to the SKU. */
    private final Map<String, String> skuOf = new ConcurrentHashMap<>();
    private final AtomicInteger shopifyItems = new AtomicInteger(1000);

    PlatformStubs() {
        for (Platform p : PUSHED) {
            WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            servers.put(p, server);
        }
        accepting();
        WireMockServer amazon = servers.get(Platform.AMAZON);
        amazon.stubFor(post(urlPathEqualTo("/auth/o2/token"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .withFormParam("refresh_token", equalTo("Atzr|e2e-refresh"))
                .willReturn(okJson(recorded("amazon/lwa-token-answer.json"))));
        WireMockServer yahoo = servers.get(Platform.YAHOO);
        yahoo.stubFor(post(urlPathEqualTo("/yconnect/v2/token"))
                .withFormParam("grant_type", equalTo("refresh_token"))
                .willReturn(okJson(recorded("yahoo/token-response.json"))));
    }

    /** Every platform takes every stock update (the recorded success answers). */
    void accepting() {
        stubUpdate(Platform.AMAZON, okJson(recorded("amazon/patch-listings-item-accepted.json")));
        stubUpdate(Platform.RAKUTEN, aResponse().withStatus(204));
        stubUpdate(Platform.YAHOO, aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody(recorded("yahoo/set-stock-response.xml")));
        stubUpdate(Platform.SHOPIFY, okJson(recorded("shopify/inventorySetQuantities-answer.json")));
    }

    /** Every platform is down: its stock updates answer 503 (requests still logged). */
    void down() {
        for (Platform p : PUSHED) stubUpdate(p, aResponse().withStatus(503).withBody("maintenance"));
    }

    private void stubUpdate(Platform p, ResponseDefinitionBuilder answer) {
        servers.get(p).stubFor(update(p).atPriority(1).willReturn(answer));
    }

    /** The documented shape of the platform's stock update. */
    static MappingBuilder update(Platform p) {
        return switch (p) {
            case AMAZON -> patch(urlPathMatching("/listings/2021-08-01/items/" + SELLER + "/[^/]+"))
                    .withQueryParam("marketplaceIds", equalTo("A1VC38T7YXB528"))
                    .withHeader("x-amz-access-token", equalTo("Atza|first-access-token"))
                    .withHeader("Content-Type", containing("application/json"))
                    .withRequestBody(matchingJsonPath("$.patches[0].path", equalTo("/attributes/fulfillment_availability")));
            case RAKUTEN -> post(urlPathEqualTo(RAKUTEN_UPSERT))
                    .withHeader("Authorization", equalTo(ESA))
                    .withHeader("Content-Type", containing("application/json"))
                    .withRequestBody(matchingJsonPath("$.inventories[0].mode", equalTo("ABSOLUTE")));
            case YAHOO -> post(urlPathEqualTo(YAHOO_SET))
                    .withHeader("Authorization", equalTo("Bearer AT-first-access-token"))
                    .withFormParam("seller_id", equalTo("zaiko-e2e"));
            case SHOPIFY -> post(urlPathEqualTo(SHOPIFY_GRAPHQL))
                    .withHeader("X-Shopify-Access-Token", equalTo("shpat_e2e"))
                    .withRequestBody(matchingJsonPath("$.query", containing("inventorySetQuantities")));
            default -> throw new IllegalArgumentException(p.name());
        };
    }

    WireMockServer server(Platform p) {
        return servers.get(p);
    }

    String baseUrl(Platform p) {
        return "http://127.0.0.1:" + servers.get(p).port();
    }

    /** The connector account of a channel on this platform's stub. */
    ObjectNode account(Platform p) {
        ObjectNode body = ShopApi.JSON.createObjectNode().put("platform", p.name()).put("baseUrl", baseUrl(p));
        ObjectNode settings = body.putObject("settings");
        ObjectNode credentials = body.putObject("credentials");
        switch (p) {
            case AMAZON -> {
                settings.put("sellerId", SELLER).put("lwaUrl", baseUrl(p) + "/auth/o2/token");
                credentials.put("clientId", "amzn1.application-oa2-client.e2e").put("clientSecret", "e2e-client-secret")
                        .put("refreshToken", "Atzr|e2e-refresh");
            }
            case RAKUTEN -> credentials.put("serviceSecret", "SP-e2e-secret").put("licenseKey", "SL-e2e-license");
            case YAHOO -> {
                settings.put("sellerId", "zaiko-e2e");
                credentials.put("clientId", "yahoo-e2e-client").put("clientSecret", "yahoo-e2e-secret")
                        .put("refreshToken", "yahoo-e2e-refresh");
            }
            case SHOPIFY -> {
                settings.put("shopDomain", "zaiko-e2e.myshopify.com").put("locationId", "gid://shopify/Location/77");
                credentials.put("accessToken", "shpat_e2e");
            }
            default -> throw new IllegalArgumentException(p.name());
        }
        return body;
    }

    /** The platform's identifiers for a SKU (remembered, to read the request logs back). */
    Map<String, String> identifiers(Platform p, String sku) {
        Map<String, String> ids = new LinkedHashMap<>();
        switch (p) {
            case AMAZON -> ids.put("sellerSku", sku);
            case RAKUTEN -> {
                ids.put("manageNumber", "mng-" + sku.toLowerCase());
                ids.put("variantId", sku);
            }
            case YAHOO -> ids.put("itemCode", sku.replaceAll("[^A-Za-z0-9-]", "-").toLowerCase());
            case SHOPIFY -> ids.put("inventoryItemId", "gid://shopify/InventoryItem/" + shopifyItems.incrementAndGet());
            default -> throw new IllegalArgumentException(p.name());
        }
        skuOf.put(p.name() + "|" + ids.values().iterator().next(), sku);
        return ids;
    }

    /** The platform's (first) identifier of a SKU mapped through {@link #identifiers}. */
    String identifier(Platform p, String sku) {
        return skuOf.entrySet().stream().filter(e -> e.getKey().startsWith(p.name() + "|") && e.getValue().equals(sku))
                .map(e -> e.getKey().substring(p.name().length() + 1)).reduce((a, b) -> b).orElseThrow();
    }

    /**
     * The platform's read-back shows {@code quantity} for the SKU, in the shape of the contract tests'
     * recorded answer: Amazon's getListingsItem with fulfillmentAvailability (DEFAULT channel),
     * Rakuten's inventories bulk-get, Shopify's inventory levels query ({@code nodes}).
     */
    void showing(Platform p, String sku, int quantity) {
        String id = identifier(p, sku);
        WireMockServer server = servers.get(p);
        switch (p) {
            case AMAZON -> {
                ObjectNode answer = (ObjectNode) ShopApi.JSON.readTree(recorded("amazon/get-listings-item-answer.json"));
                answer.put("sku", id);
                ((ObjectNode) answer.path("fulfillmentAvailability").get(0)).put("quantity", quantity);
                server.stubFor(get(urlPathEqualTo(AMAZON_LISTINGS + id))
                        .withQueryParam("marketplaceIds", equalTo("A1VC38T7YXB528"))
                        .withQueryParam("includedData", containing("fulfillmentAvailability"))
                        .withHeader("x-amz-access-token", equalTo("Atza|first-access-token"))
                        .willReturn(okJson(answer.toString())));
            }
            case RAKUTEN -> {
                ObjectNode answer = (ObjectNode) ShopApi.JSON.readTree(recorded("rakuten/bulk-get-response.json"));
                tools.jackson.databind.node.ArrayNode inventories = (tools.jackson.databind.node.ArrayNode) answer.path("inventories");
                ObjectNode one = (ObjectNode) inventories.get(0);
                inventories.removeAll();
                inventories.add(one.put("manageNumber", id).put("variantId", sku).put("quantity", quantity));
                server.stubFor(post(urlPathEqualTo(RAKUTEN_GET))
                        .withHeader("Authorization", equalTo(ESA))
                        .withRequestBody(matchingJsonPath("$.inventories[?(@.manageNumber == '" + id + "')]"))
                        .willReturn(okJson(answer.toString())));
            }
            case SHOPIFY -> {
                ObjectNode answer = (ObjectNode) ShopApi.JSON.readTree(recorded("shopify/nodes-available-answer.json"));
                tools.jackson.databind.node.ArrayNode nodes = (tools.jackson.databind.node.ArrayNode) answer.path("data").path("nodes");
                ObjectNode one = (ObjectNode) nodes.get(0);
                nodes.removeAll();
                one.put("id", id);
                ((ObjectNode) one.path("inventoryLevel").path("quantities").get(0)).put("quantity", quantity);
                nodes.add(one);
                server.stubFor(post(urlPathEqualTo(SHOPIFY_GRAPHQL))
                        .withHeader("X-Shopify-Access-Token", equalTo("shpat_e2e"))
                        .withRequestBody(matchingJsonPath("$.query", containing("inventoryLevel")))
                        .withRequestBody(matchingJsonPath("$.variables.ids[?(@ == '" + id + "')]"))
                        .withRequestBody(matchingJsonPath("$.variables.location", equalTo("gid://shopify/Location/77")))
                        .willReturn(okJson(answer.toString())));
            }
            default -> throw new IllegalArgumentException(p.name() + " is not read back in these stubs");
        }
    }

    /** One stock update request as the platform received it: when, and SKU → quantity in its order. */
    record Push(Instant at, LinkedHashMap<String, Integer> quantities, int status) {
    }

    /** The stock update requests the platform received, oldest first. */
    List<Push> pushes(Platform p) {
        List<LoggedRequest> requests = new ArrayList<>(servers.get(p).findAll(
                com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
        requests.sort(java.util.Comparator.comparing(LoggedRequest::getLoggedDate));
        List<Push> out = new ArrayList<>();
        for (LoggedRequest r : requests) {
            if (!isUpdate(p, r)) continue;
            int status = servers.get(p).getAllServeEvents().stream().filter(e -> e.getRequest().getId().equals(r.getId()))
                    .findFirst().map(e -> e.getResponse().getStatus()).orElse(0);
            out.add(new Push(r.getLoggedDate().toInstant(), quantities(p, r), status));
        }
        return out;
    }

    /** What the platform shows for each SKU: the last quantity of an update it answered with success. */
    Map<String, Integer> shown(Platform p) {
        Map<String, Integer> shown = new LinkedHashMap<>();
        for (Push push : pushes(p)) if (push.status() / 100 == 2) shown.putAll(push.quantities());
        return shown;
    }

    private static boolean isUpdate(Platform p, LoggedRequest r) {
        String path = r.getUrl().split("\\?")[0];
        return switch (p) {
            case AMAZON -> RequestMethod.PATCH.equals(r.getMethod()) && path.startsWith(AMAZON_LISTINGS);
            case RAKUTEN -> path.equals(RAKUTEN_UPSERT);
            case YAHOO -> path.equals(YAHOO_SET);
            case SHOPIFY -> path.equals(SHOPIFY_GRAPHQL) && r.getBodyAsString().contains("inventorySetQuantities");
            default -> false;
        };
    }

    private LinkedHashMap<String, Integer> quantities(Platform p, LoggedRequest r) {
        LinkedHashMap<String, Integer> q = new LinkedHashMap<>();
        switch (p) {
            case AMAZON -> {
                String path = r.getUrl().split("\\?")[0];
                String sellerSku = URLDecoder.decode(path.substring(AMAZON_LISTINGS.length()), StandardCharsets.UTF_8);
                JsonNode body = ShopApi.JSON.readTree(r.getBodyAsString());
                q.put(sku(p, sellerSku), body.path("patches").get(0).path("value").get(0).path("quantity").intValue());
            }
            case RAKUTEN -> {
                for (JsonNode i : ShopApi.JSON.readTree(r.getBodyAsString()).path("inventories")) {
                    q.put(sku(p, i.path("manageNumber").asString()), i.path("quantity").intValue());
                }
            }
            case YAHOO -> {
                Map<String, String> form = new LinkedHashMap<>();
                for (String pair : r.getBodyAsString().split("&")) {
                    String[] kv = pair.split("=", 2);
                    form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                String[] codes = form.get("item_code").split(",");
                String[] quantities = form.get("quantity").split(",");
                for (int i = 0; i < codes.length; i++) q.put(sku(p, codes[i]), Integer.parseInt(quantities[i]));
            }
            case SHOPIFY -> {
                JsonNode body = ShopApi.JSON.readTree(r.getBodyAsString());
                for (JsonNode i : body.path("variables").path("input").path("quantities")) {
                    q.put(sku(p, i.path("inventoryItemId").asString()), i.path("quantity").intValue());
                }
            }
            default -> throw new IllegalArgumentException(p.name());
        }
        return q;
    }

    private String sku(Platform p, String identifier) {
        String key = p == Platform.RAKUTEN ? identifier.substring("mng-".length()) : identifier;
        String sku = skuOf.get(p.name() + "|" + identifier);
        if (sku != null) return sku;
        return skuOf.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(p.name() + "|" + key))
                .map(Map.Entry::getValue).findFirst().orElse(identifier);
    }

    /**
     * The requests never exceed the platform's rate: in every window between two requests, at most
     * {@code burst + rate × window} of them, the window widened by {@code slackMillis} for timer
     * granularity (WireMock logs in milliseconds; the sender wakes to the millisecond).
     */
    static void assertWithinRate(String what, List<Instant> times, double rate, int burst, long slackMillis) {
        for (int i = 0; i < times.size(); i++) {
            for (int j = i + 1; j < times.size(); j++) {
                long millis = times.get(j).toEpochMilli() - times.get(i).toEpochMilli();
                double allowed = burst + rate * (millis + slackMillis) / 1000.0;
                assertThat((double) (j - i + 1))
                        .as("%s: %d requests from %s to %s (%d ms) at %.2f/s burst %d", what, j - i + 1, times.get(i),
                                times.get(j), millis, rate, burst)
                        .isLessThanOrEqualTo(allowed);
            }
        }
    }

    static String recorded(String name) {
        try (InputStream in = PlatformStubs.class.getResourceAsStream("/connector/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        servers.values().forEach(WireMockServer::stop);
    }
}
