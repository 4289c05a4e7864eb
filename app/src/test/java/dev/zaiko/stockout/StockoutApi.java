package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A JSON client for the running application and a small shop per test (as the order tests set one up). */
final class StockoutApi extends dev.zaiko.support.ShopApi {

    StockoutApi(int port) {
        super(port);
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    String product(String prefix) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800);
        body.putObject("name").put("ja", "ドームテント 4人用").put("en", "Dome tent for 4");
        ok(post("/api/products", body));
        return sku;
    }

    /** A complete marketplace-style order: one line per (sku, quantity) pair, paid, with its own reference. */
    static ObjectNode order(String channel, Object... skuAndQuantity) {
        return orderBody(channel, "CAPTURED", skuAndQuantity).put("externalRef", unique("AMZ"));
    }

    /** The cases of one order with one reason, read through the list's filters. */
    JsonNode casesOf(String orderNumber, String reason) {
        return ok(get("/api/stockouts?reason=" + reason + "&order=" + orderNumber + "&size=200")).path("items");
    }
}
