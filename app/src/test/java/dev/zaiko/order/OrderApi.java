package dev.zaiko.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON client for the running application with order bodies, a small shop per test, and the
 * check every refused order must pass: problem+json, no order rows, and the stock exactly as
 * before ({@code GET /api/stock/{sku}} identical, the ledger consistent).
 * (The inventory's test helper is package-private to its tests; this one follows it.)
 */
final class OrderApi extends dev.zaiko.support.ShopApi {

    /** What a refused order must leave exactly as it was. */
    static final List<String> TABLES = List.of("orders_order", "orders_line", "orders_status_history",
            "inventory_stock_level");
    /**
     * The append-only ledger and reservation rows: untouched by a request refused before any
     * reservation (400, 404); a 409 leaves its reserve-and-release trail there, as it should.
     */
    static final List<String> LEDGER = List.of("inventory_movement", "inventory_reservation");

    private final JdbcTemplate jdbc;

    OrderApi(int port, JdbcTemplate jdbc) {
        super(port);
        this.jdbc = jdbc;
    }

    // ---- refused requests ---------------------------------------------------------------------

    Map<String, String> snapshot(List<String> skus, boolean ledgerToo) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String table : ledgerToo ? concat(TABLES, LEDGER) : TABLES) {
            result.put(table, jdbc.queryForObject("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                    + "order by t::text)), '') from " + table + " t", String.class));
        }
        for (String sku : skus) result.put("GET /api/stock/" + sku, ok(get("/api/stock/" + sku)).toString());
        return result;
    }

    /**
     * Sends a request that must be refused and asserts problem+json, no order rows, the stock of
     * {@code skus} as before ({@code GET /api/stock/{sku}} and the levels), no reservation of
     * theirs left open, and a consistent ledger. Only a 409 or 500 may have reserved and released.
     */
    Response rejected(int status, String typeSuffix, List<String> skus, Supplier<Response> request) {
        boolean ledgerToo = status != 409 && status != 500;
        Map<String, String> before = snapshot(skus, ledgerToo);
        int open = openReservations(skus);
        Response response = request.get();
        assertProblem(response, status, typeSuffix);
        assertThat(snapshot(skus, ledgerToo)).as("orders tables and stock after a refused request").isEqualTo(before);
        assertThat(openReservations(skus)).as("open reservations of " + skus).isEqualTo(open);
        assertConsistent();
        return response;
    }

    private int openReservations(List<String> skus) {
        return jdbc.queryForObject("select count(*) from inventory_reservation where status = 'OPEN' and sku = any(?)",
                Integer.class, (Object) skus.toArray(String[]::new));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static void assertProblem(Response response, int status, String typeSuffix) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").intValue()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        if (typeSuffix != null) assertThat(problem.path("type").asString()).endsWith("/" + typeSuffix);
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    void assertConsistent() {
        assertLedgerConsistent();
    }

    // ---- a shop of its own per test -----------------------------------------------------------

    String product(String prefix, boolean backorderable) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("backorderable", backorderable);
        body.putObject("name").put("ja", "ドームテント").put("en", "Dome tent");
        ok(post("/api/products", body));
        return sku;
    }

    JsonNode level(String sku, String location) {
        for (JsonNode l : ok(get("/api/stock/" + sku)).path("locations")) {
            if (l.path("location").asString().equals(location)) return l;
        }
        return JSON.createObjectNode().put("sellable", 0).put("reserved", 0);
    }

    int reserved(String sku) {
        int sum = 0;
        for (JsonNode l : ok(get("/api/stock/" + sku)).path("locations")) sum += l.path("reserved").intValue();
        return sum;
    }

    // ---- order bodies -------------------------------------------------------------------------

    /** A complete, valid order: one line per (sku, quantity) pair, 1,980 yen a unit. */
    static ObjectNode order(String channel, Object... skuAndQuantity) {
        return orderBody(channel, "AUTHORIZED", skuAndQuantity);
    }

    /** The first line of an order body. */
    static ObjectNode line(ObjectNode body) {
        return (ObjectNode) body.withArray("lines").get(0);
    }

    static String digits(String orderNumber) {
        return orderNumber.replace("-", "");
    }

    int rowsOf(String orderNumber) {
        return jdbc.queryForObject("select count(*) from orders_order where order_number = ?", Integer.class,
                digits(orderNumber));
    }
}
