package dev.zaiko.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thin JSON client for the running application, the inventory's request bodies, and the
 * check every rejected request must pass: a problem+json answer and an untouched database.
 * (The catalog's {@code Api} helper is package-private to the catalog's tests; this one follows it.)
 */
final class InventoryApi extends dev.zaiko.support.ShopApi {

    /** Every table the inventory module owns, plus the item copies it keeps of the catalog. */
    static final List<String> TABLES = List.of("inventory_location", "inventory_channel",
            "inventory_channel_location", "inventory_item", "inventory_stock_level", "inventory_movement",
            "inventory_reservation", "inventory_reservation_hold", "inventory_protection", "inventory_inbound");

    private final JdbcTemplate jdbc;

    InventoryApi(int port, JdbcTemplate jdbc) {
        super(port);
        this.jdbc = jdbc;
    }

    // ---- HTTP ---------------------------------------------------------------------------------

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

    /** Registers a product through the catalog; its event creates the inventory item. */
    String newProduct(String prefix) {
        return newProduct(product(unique(prefix)));
    }

    String newProduct(ObjectNode body) {
        Response created = post("/api/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return body.path("sku").asString();
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
        assertLedgerConsistent();
    }
}
