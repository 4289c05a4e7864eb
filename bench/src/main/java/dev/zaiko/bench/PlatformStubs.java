package dev.zaiko.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WireMock server per platform on loopback, answering the stock pushes the way each
 * platform documents (the answers recorded in the app's connector contract tests:
 * {@code app/src/test/resources/connector/<platform>/}), and noting, for every push, when it
 * arrived and which value of which SKU it carried. A request no stub expects gets WireMock's
 * 404 and is counted.
 */
final class PlatformStubs implements AutoCloseable {

    static final List<String> PLATFORMS = List.of("AMAZON", "RAKUTEN", "YAHOO", "SHOPIFY", "SMAREGI");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELLER = "A2BENCHSELLER";
    private static final String CONTRACT = "benchcontract";
    private static final String GID_ITEM = "gid://shopify/InventoryItem/";

    /** One push as the stub received it: its arrival (monotonic and order) and the values it set. */
    record Push(long arrivedNanos, long order, Map<String, Integer> quantities) {
    }

    /** One platform's stub and what it received. */
    static final class Stub {

        final String platform;
        final WireMockServer server;
        final List<Push> pushes = new ArrayList<>();
        final AtomicLong unexpected = new AtomicLong();
        final AtomicLong otherCalls = new AtomicLong();
        private final Map<String, Integer> last = new HashMap<>();

        Stub(String platform) {
            this.platform = platform;
            this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(8)
                    .disableRequestJournal());
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.port();
        }

        synchronized void pushed(long arrived, Map<String, Integer> quantities) {
            pushes.add(new Push(arrived, pushes.size(), quantities));
            last.putAll(quantities);
            notifyAll();
        }

        synchronized List<Push> pushes() {
            return List.copyOf(pushes);
        }

        synchronized Map<String, Integer> last() {
            return new HashMap<>(last);
        }

        /** Waits until every SKU of {@code target} was pushed at or below its value; false at the deadline. */
        synchronized boolean awaitAtMost(Map<String, Integer> target, long deadlineNanos) throws InterruptedException {
            while (!target.entrySet().stream().allMatch(e -> last.containsKey(e.getKey())
                    && last.get(e.getKey()) <= e.getValue())) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return false;
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    private final Map<String, Stub> stubs = new LinkedHashMap<>();
    private final List<String> skus;

    /** @param skus the bench's SKUs, in the order whose index gives the numeric identifiers */
    PlatformStubs(List<String> skus) {
        this.skus = List.copyOf(skus);
        for (String platform : PLATFORMS) stubs.put(platform, new Stub(platform));
    }

    void start() {
        for (Stub stub : stubs.values()) {
            stub.server.start();
            answers(stub);
            stub.server.addMockServiceRequestListener((request, response) -> {
                long arrived = System.nanoTime();
                if (response.getStatus() == 404) {
                    stub.unexpected.incrementAndGet();
                    return;
                }
                Map<String, Integer> quantities = quantities(stub.platform, request);
                if (quantities == null) stub.otherCalls.incrementAndGet();
                else stub.pushed(arrived, quantities);
            });
        }
    }

    Stub stub(String platform) {
        return stubs.get(platform);
    }

    /** The account Zaiko is given for the platform: its documented settings, the stub as its host. */
    ObjectNode account(String platform) {
        Stub stub = stubs.get(platform);
        ObjectNode body = JSON.createObjectNode().put("platform", platform).put("sandbox", false)
                .put("baseUrl", stub.baseUrl());
        ObjectNode settings = body.putObject("settings");
        ObjectNode credentials = body.putObject("credentials");
        switch (platform) {
            case "AMAZON" -> {
                settings.put("sellerId", SELLER).put("lwaUrl", stub.baseUrl() + "/auth/o2/token");
                credentials.put("clientId", "amzn1.application-oa2-client.bench").put("clientSecret", "bench-secret")
                        .put("refreshToken", "Atzr|bench-refresh-token");
            }
            case "RAKUTEN" -> credentials.put("serviceSecret", "SP000000_bench").put("licenseKey", "SL000000_bench");
            case "YAHOO" -> {
                settings.put("sellerId", "bench-store");
                credentials.put("clientId", "bench-client").put("clientSecret", "bench-secret")
                        .put("refreshToken", "bench-refresh-token");
            }
            case "SHOPIFY" -> {
                settings.put("shopDomain", "bench.myshopify.com").put("locationId", "gid://shopify/Location/1");
                credentials.put("accessToken", "shpat_bench");
            }
            case "SMAREGI" -> {
                settings.put("contractId", CONTRACT).put("storeId", "1").put("callbackBaseUrl", "http://127.0.0.1:9");
                credentials.put("clientId", "bench-client").put("clientSecret", "bench-secret")
                        .put("callbackSecret", "bench-callback-secret-0123456789");
            }
            default -> throw new IllegalArgumentException(platform);
        }
        return body;
    }

    /** The platform's identifiers for a SKU, as the mapping takes them. */
    ObjectNode identifiers(String platform, String sku) {
        ObjectNode ids = JSON.createObjectNode();
        switch (platform) {
            case "AMAZON" -> ids.put("sellerSku", sku);
            case "RAKUTEN" -> ids.put("manageNumber", sku.toLowerCase(java.util.Locale.ROOT)).put("variantId", sku);
            case "YAHOO" -> ids.put("itemCode", sku);
            case "SHOPIFY" -> ids.put("inventoryItemId", GID_ITEM + number(sku));
            case "SMAREGI" -> ids.put("productId", String.valueOf(number(sku)));
            default -> throw new IllegalArgumentException(platform);
        }
        return JSON.createObjectNode().set("identifiers", ids);
    }

    private int number(String sku) {
        int i = skus.indexOf(sku);
        if (i < 0) throw new IllegalArgumentException(sku);
        return 1000 + i;
    }

    private String skuOf(long number) {
        int i = (int) (number - 1000);
        return i >= 0 && i < skus.size() ? skus.get(i) : "?" + number;
    }

    private static void answers(Stub stub) {
        WireMockServer s = stub.server;
        switch (stub.platform) {
            case "AMAZON" -> {
                s.stubFor(post(urlPathEqualTo("/auth/o2/token")).willReturn(json(200, """
                        {"access_token":"Atza|bench-access-token","refresh_token":"Atzr|bench-refresh-token",
                         "token_type":"bearer","expires_in":3600}""")));
                s.stubFor(patch(urlPathMatching("/listings/2021-08-01/items/" + SELLER + "/[^/]+")).willReturn(json(200, """
                        {"sku":"BENCH","status":"ACCEPTED","submissionId":"f1dc2914-75dd-11ea-bc55-0242ac130003","issues":[]}""")));
            }
            case "RAKUTEN" -> s.stubFor(post(urlPathEqualTo("/es/2.0/inventories/bulk-upsert"))
                    .willReturn(aResponse().withStatus(204)));
            case "YAHOO" -> {
                s.stubFor(post(urlPathEqualTo("/yconnect/v2/token")).willReturn(json(200, """
                        {"access_token":"AT-bench-access-token","token_type":"Bearer","expires_in":3600}""")));
                s.stubFor(post(urlPathEqualTo("/ShoppingWebService/V1/setStock")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/xml;charset=UTF-8").withBody("""
                                <?xml version="1.0" encoding="UTF-8"?>
                                <ResultSet totalResultsAvailable="0" totalResultsReturned="0" firstResultPosition="1">
                                </ResultSet>""")));
            }
            case "SHOPIFY" -> s.stubFor(post(urlPathEqualTo("/admin/api/2026-10/graphql.json")).willReturn(json(200, """
                    {"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/800800"},
                     "userErrors":[]}},"extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,
                     "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}}""")));
            case "SMAREGI" -> {
                s.stubFor(post(urlPathEqualTo("/app/" + CONTRACT + "/token")).willReturn(json(200, """
                        {"access_token":"bench.app-token","token_type":"Bearer","expires_in":3600,
                         "scope":"pos.stock:read pos.stock:write"}""")));
                s.stubFor(patch(urlPathEqualTo("/" + CONTRACT + "/pos/stock/bulk")).willReturn(json(202, """
                        {"requestId":987654321,"callbackUrl":"http://127.0.0.1:9/callback"}""")));
            }
            default -> throw new IllegalArgumentException(stub.platform);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The SKU values a push request carries, or null when the request is not a push (a token, say). */
    Map<String, Integer> quantities(String platform, Request request) {
        String path = request.getUrl();
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        Map<String, Integer> out = new LinkedHashMap<>();
        switch (platform) {
            case "AMAZON" -> {
                if (!path.startsWith("/listings/")) return null;
                String sku = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
                JsonNode body = JSON.readTree(request.getBodyAsString());
                out.put(sku, body.path("patches").path(0).path("value").path(0).path("quantity").intValue());
            }
            case "RAKUTEN" -> {
                if (!path.endsWith("/bulk-upsert")) return null;
                for (JsonNode i : JSON.readTree(request.getBodyAsString()).path("inventories")) {
                    out.put(i.path("variantId").asString(), i.path("quantity").intValue());
                }
            }
            case "YAHOO" -> {
                if (!path.endsWith("/setStock")) return null;
                Map<String, String> form = new HashMap<>();
                for (String pair : request.getBodyAsString().split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                String[] codes = form.getOrDefault("item_code", "").split(",");
                String[] quantities = form.getOrDefault("quantity", "").split(",");
                for (int i = 0; i < codes.length && i < quantities.length; i++) {
                    out.put(codes[i], Integer.parseInt(quantities[i]));
                }
            }
            case "SHOPIFY" -> {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                if (!body.path("query").asString("").contains("inventorySetQuantities")) return null;
                for (JsonNode i : body.path("variables").path("input").path("quantities")) {
                    String gid = i.path("inventoryItemId").asString();
                    out.put(skuOf(Long.parseLong(gid.substring(GID_ITEM.length()))), i.path("quantity").intValue());
                }
            }
            case "SMAREGI" -> {
                if (!path.endsWith("/stock/bulk")) return null;
                for (JsonNode i : JSON.readTree(request.getBodyAsString()).path("stock")) {
                    out.put(skuOf(Long.parseLong(i.path("productId").asString())),
                            Integer.parseInt(i.path("stockAmount").asString()));
                }
            }
            default -> throw new IllegalArgumentException(platform);
        }
        return out;
    }

    @Override
    public void close() {
        for (Stub stub : stubs.values()) {
            if (stub.server.isRunning()) stub.server.stop();
        }
    }
}
