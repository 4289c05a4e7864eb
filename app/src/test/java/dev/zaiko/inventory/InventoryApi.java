package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thin JSON client for the running application, the inventory's request bodies, and the
 * check every rejected request must pass: a problem+json answer and an untouched database.
 * (The catalog's {@code Api} helper is package-private to the catalog's tests; this one follows it.)
 */
final class InventoryApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Every table the inventory module owns, plus the item copies it keeps of the catalog. */
    static final List<String> TABLES = List.of("inventory_location", "inventory_channel",
            "inventory_channel_location", "inventory_item", "inventory_stock_level", "inventory_movement",
            "inventory_reservation", "inventory_protection", "inventory_inbound");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final JdbcTemplate jdbc;

    InventoryApi(int port, JdbcTemplate jdbc) {
        this.base = "http://localhost:" + port;
        this.jdbc = jdbc;
    }

    record Response(int status, String contentType, String location, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String detail() {
            return json().path("detail").asString();
        }

        String type() {
            return json().path("type").asString();
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response get(String path, String acceptLanguage) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", acceptLanguage).GET());
    }

    Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private static String text(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls and asserts a 2xx answer, so a setup step that fails stops the test at once. */
    JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? JSON.createObjectNode() : response.json();
    }

    // ---- rejected requests --------------------------------------------------------------------

    /** Row count and a digest of every row, per inventory table. */
    Map<String, String> snapshot() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String table : TABLES) {
            result.put(table, jdbc.queryForObject("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                    + "order by t::text)), '') from " + table + " t", String.class));
        }
        return result;
    }

    /**
     * Sends a request that must be refused: asserts the status, the problem+json shape (type
     * ending with {@code typeSuffix}, title, status, non-blank detail) and that no inventory
     * table changed, row for row.
     */
    Response rejected(int status, String typeSuffix, Supplier<Response> request) {
        Map<String, String> before = snapshot();
        Response response = request.get();
        assertProblem(response, status, typeSuffix);
        assertThat(snapshot()).as("inventory tables after a rejected request").isEqualTo(before);
        return response;
    }

    static void assertProblem(Response response, int status, String typeSuffix) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").intValue()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        // an absent type means "about:blank" (RFC 9457 3.1.1); Spring's own 400s leave it out
        assertThat(problem.path("type").isMissingNode() || !problem.path("type").asString().isBlank())
                .as(response.body()).isTrue();
        if (typeSuffix != null) assertThat(problem.path("type").asString()).endsWith("/" + typeSuffix);
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    // ---- bodies -------------------------------------------------------------------------------

    /** A code no other test uses (codes and SKUs share one database across test classes). */
    static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A complete, valid product body. */
    static ObjectNode product(String sku) {
        ObjectNode body = object();
        body.put("sku", sku);
        body.putObject("name").put("ja", "ドームテント 4人用").put("en", "Dome tent for 4");
        body.put("category", "tent");
        body.put("price", 29800);
        return body;
    }

    static ObjectNode location(String code, String kind) {
        return object().put("code", code).put("kind", kind).put("name", "Location " + code);
    }

    static ObjectNode channel(String code, String kind, Boolean online, String... locations) {
        ObjectNode body = object().put("code", code).put("kind", kind).put("name", "Channel " + code);
        if (online != null) body.put("online", online);
        var pool = body.putArray("locations");
        for (String l : locations) pool.add(l);
        return body;
    }

    static ObjectNode receipt(String sku, String location, int quantity) {
        return object().put("sku", sku).put("location", location).put("quantity", quantity);
    }

    static ObjectNode inspection(String sku, String location, int passed, int failed) {
        return object().put("sku", sku).put("location", location).put("passed", passed).put("failed", failed);
    }

    static ObjectNode adjustment(String sku, String location, int counted, String reason) {
        return object().put("sku", sku).put("location", location).put("countedSellable", counted).put("reason", reason);
    }

    static ObjectNode tillSale(String sku, String location, int quantity) {
        return object().put("sku", sku).put("location", location).put("quantity", quantity);
    }

    static ObjectNode reservation(String channel, String sku, int quantity, String holder) {
        ObjectNode body = object().put("channel", channel).put("sku", sku).put("quantity", quantity);
        if (holder != null) body.put("holder", holder);
        return body;
    }

    static ObjectNode protection(String kind, String location, String sku, int quantity, String segment) {
        ObjectNode body = object().put("kind", kind).put("location", location).put("quantity", quantity);
        if (sku != null) body.put("sku", sku);
        if (segment != null) body.put("segment", segment);
        return body;
    }

    static ObjectNode inbound(String sku, String location, int quantity, String expectedOn) {
        return object().put("sku", sku).put("location", location).put("quantity", quantity)
                .put("expectedOn", expectedOn);
    }

    // ---- a small shop of its own per test -----------------------------------------------------

    /**
     * A warehouse and a store; a web shop selling from both (warehouse first), a marketplace
     * selling off the store shelf, and the store's till. All codes unique to this shop.
     */
    Shop shop() {
        String suffix = unique("S");
        Shop shop = new Shop("WH-" + suffix, "STORE-" + suffix, "WEB-" + suffix, "MKT-" + suffix, "TILL-" + suffix);
        ok(post("/api/locations", location(shop.warehouse(), "WAREHOUSE")));
        ok(post("/api/locations", location(shop.store(), "STORE")));
        ok(post("/api/channels", channel(shop.web(), "OWN", true, shop.warehouse(), shop.store())));
        ok(post("/api/channels", channel(shop.marketplace(), "MARKETPLACE", true, shop.store())));
        ok(post("/api/channels", channel(shop.till(), "OWN", false, shop.store())));
        return shop;
    }

    record Shop(String warehouse, String store, String web, String marketplace, String till) {
    }

    /** Registers a product through the catalog; its event creates the inventory item. */
    String newProduct(String prefix) {
        return newProduct(product(unique(prefix)));
    }

    String newProduct(ObjectNode body) {
        Response created = post("/api/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return body.path("sku").asString();
    }

    /** Received and passed inspection. */
    void sellable(String sku, String location, int units) {
        ok(post("/api/stock/receipts", receipt(sku, location, units)));
        ok(post("/api/stock/inspections", inspection(sku, location, units, 0)));
    }

    JsonNode stock(String sku) {
        return ok(get("/api/stock/" + sku));
    }

    /** A location's levels from GET /api/stock/{sku}; all zero when the SKU never had stock there. */
    JsonNode level(String sku, String location) {
        for (JsonNode l : stock(sku).path("locations")) {
            if (l.path("location").asString().equals(location)) return l;
        }
        return object().put("location", location).put("inspecting", 0).put("sellable", 0).put("reserved", 0)
                .put("defective", 0);
    }

    /** A channel's ATS from GET /api/stock/{sku}. */
    int ats(String sku, String channel) {
        for (JsonNode c : stock(sku).path("channels")) {
            if (c.path("channel").asString().equals(channel)) return c.path("ats").intValue();
        }
        throw new AssertionError("GET /api/stock/" + sku + " lists no channel " + channel);
    }

    int atsOf(String sku, String channel) {
        return ok(get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    JsonNode movements(String sku) {
        return ok(get("/api/stock/" + sku + "/movements"));
    }

    void assertConsistent(String sku) {
        JsonNode one = ok(get("/api/stock/consistency?sku=" + sku));
        assertThat(one.path("consistent").booleanValue()).as(one.toString()).isTrue();
        assertThat(one.path("mismatches").isArray()).isTrue();
        assertThat(one.path("mismatches").size()).isZero();
        JsonNode all = ok(get("/api/stock/consistency"));
        assertThat(all.path("consistent").booleanValue()).as(all.toString()).isTrue();
        assertThat(all.path("mismatches").size()).isZero();
    }
}
