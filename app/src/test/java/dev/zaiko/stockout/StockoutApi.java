package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A JSON client for the running application and a small shop per test (as the order tests set one up). */
final class StockoutApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    StockoutApi(int port) {
        this.base = "http://localhost:" + port;
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Response get(String path) {
        return get(path, null);
    }

    Response get(String path, String acceptLanguage) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
        return send(request);
    }

    Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? JSON.createObjectNode() : response.json();
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    record Shop(String warehouse, String store, String web, String marketplace, String till) {
    }

    static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Tokyo"));
    }

    /** A warehouse and a store; a web shop from both, a marketplace off the store shelf only, the store's till. */
    Shop shop() {
        String s = unique("SO");
        Shop shop = new Shop("WH-" + s, "STORE-" + s, "WEB-" + s, "MKT-" + s, "TILL-" + s);
        ok(post("/api/locations", JSON.createObjectNode().put("code", shop.warehouse()).put("kind", "WAREHOUSE")
                .put("name", "Warehouse")));
        ok(post("/api/locations", JSON.createObjectNode().put("code", shop.store()).put("kind", "STORE")
                .put("name", "Store")));
        ok(post("/api/channels", channel(shop.web(), "OWN", true, shop.warehouse(), shop.store())));
        ok(post("/api/channels", channel(shop.marketplace(), "MARKETPLACE", true, shop.store())));
        ok(post("/api/channels", channel(shop.till(), "OWN", false, shop.store())));
        return shop;
    }

    private static ObjectNode channel(String code, String kind, boolean online, String... locations) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("kind", kind).put("name", "Channel " + code)
                .put("online", online);
        ArrayNode pool = body.putArray("locations");
        for (String l : locations) pool.add(l);
        return body;
    }

    String product(String prefix) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800);
        body.putObject("name").put("ja", "ドームテント 4人用").put("en", "Dome tent for 4");
        ok(post("/api/products", body));
        return sku;
    }

    void sellable(String sku, String location, int units) {
        ok(post("/api/stock/receipts", JSON.createObjectNode().put("sku", sku).put("location", location)
                .put("quantity", units)));
        ok(post("/api/stock/inspections", JSON.createObjectNode().put("sku", sku).put("location", location)
                .put("passed", units).put("failed", 0)));
    }

    void inbound(String sku, String location, int units, LocalDate expectedOn) {
        ok(post("/api/inbounds", JSON.createObjectNode().put("sku", sku).put("location", location)
                .put("quantity", units).put("expectedOn", expectedOn.toString())));
    }

    /** A complete order: one line per (sku, quantity) pair. The customer's details are the kind a case must not copy. */
    static ObjectNode order(String channel, Object... skuAndQuantity) {
        ObjectNode body = JSON.createObjectNode().put("channel", channel).put("externalRef", unique("AMZ"));
        body.putObject("customer").put("name", "山田 花子").put("email", "hanako.yamada@example.jp")
                .put("phone", "090-1234-5678").put("locale", "ja");
        body.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED").put("amount", 3960)
                .put("pointsUsed", 0).put("giftBalanceUsed", 0);
        body.put("express", false).put("gift", false).put("b2b", false).put("shippingFee", 0);
        ArrayNode lines = body.putArray("lines");
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.addObject().put("sku", (String) skuAndQuantity[i]).put("quantity", (Integer) skuAndQuantity[i + 1])
                    .put("unitPrice", 1980);
        }
        return body;
    }

    /** The cases of one order, read through the list filtered by reason. */
    JsonNode casesOf(String orderNumber, String reason) {
        ArrayNode found = JSON.createArrayNode();
        for (int page = 0; ; page++) {
            JsonNode p = ok(get("/api/stockouts?reason=" + reason + "&size=200&page=" + page));
            for (JsonNode c : p.path("items")) if (c.path("orderNumber").asString().equals(orderNumber)) found.add(c);
            if ((long) (page + 1) * 200 >= p.path("total").longValue()) return found;
        }
    }
}
