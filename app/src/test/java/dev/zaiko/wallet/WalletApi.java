package dev.zaiko.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A JSON client for the wallet's staff API, with what its tests check: problem details, and nothing written. */
final class WalletApi extends dev.zaiko.support.ShopApi {

    static final List<String> TABLES = List.of("wallet_lot", "wallet_entry", "wallet_redemption", "wallet_coupon",
            "wallet_coupon_history", "wallet_operation");

    private final JdbcTemplate jdbc;

    WalletApi(int port, JdbcTemplate jdbc) {
        super(port);
        this.jdbc = jdbc;
    }

    /** Every wallet table, row for row: a refused call must leave them exactly as they were. */
    Map<String, String> snapshot() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String table : TABLES) {
            result.put(table, jdbc.queryForObject("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                    + "order by t::text)), '') from " + table + " t", String.class));
        }
        return result;
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

    /** A product the shop sells, in stock at the warehouse. */
    String product(Shop shop, int units) {
        String sku = unique("WALLET");
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 1980);
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        ok(post("/api/products", body));
        sellable(sku, shop.warehouse(), units);
        return sku;
    }
}
