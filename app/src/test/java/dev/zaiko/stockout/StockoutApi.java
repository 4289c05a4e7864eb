package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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
        return balancePayment(body);
    }

    /** The cases of one order with one reason, read through the list's filters. */
    JsonNode casesOf(String orderNumber, String reason) {
        return ok(get("/api/stockouts?reason=" + reason + "&order=" + orderNumber + "&size=200")).path("items");
    }
}
