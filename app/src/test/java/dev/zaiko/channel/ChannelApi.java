package dev.zaiko.channel;

import dev.zaiko.support.ShopApi;
import tools.jackson.databind.node.ObjectNode;

/** A client for channel and connector tests: tents that go low at 2, and sales at a store's till. */
public class ChannelApi extends ShopApi {

    public ChannelApi(int port) {
        super(port);
    }

    public String product(String prefix) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("lowStockThreshold", 2);
        body.putObject("name").put("ja", "テント").put("en", "Tent");
        ok(post("/api/products", body));
        return sku;
    }

    public void tillSale(String store, String sku, int quantity) {
        ok(post("/api/stock/pos-sales", JSON.createObjectNode().put("sku", sku).put("location", store)
                .put("quantity", quantity)));
    }
}
