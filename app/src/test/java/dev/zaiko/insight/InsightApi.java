package dev.zaiko.insight;

import dev.zaiko.support.ShopApi;
import tools.jackson.databind.node.ObjectNode;

/** The shop's API as the insight tests use it. */
class InsightApi extends ShopApi {

    InsightApi(int port) {
        super(port);
    }

    /** A new product at 29,800 yen with the given low-stock threshold; its SKU. */
    String product(String prefix, int lowStockThreshold) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("lowStockThreshold", lowStockThreshold);
        body.putObject("name").put("ja", "ドームテント").put("en", "Dome tent");
        ok(post("/api/products", body));
        return sku;
    }
}
