package dev.zaiko.supplier;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The supplier module's test client: products with JAN codes, orders, and discontinuation lists posted as CSV. */
class SupplierApi extends ShopApi {

    private final HttpClient http = HttpClient.newHttpClient();

    SupplierApi(int port) {
        super(port);
    }

    /** A product, backorderable, with this JAN (null: none). */
    String product(String prefix, String jan) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("backorderable", true);
        if (jan != null) body.put("jan", jan);
        body.putObject("name").put("ja", "ドームテント").put("en", "Dome tent");
        ok(post("/api/products", body));
        return sku;
    }

    /** An order of {@code quantity} units on the channel; answers its order number. */
    String order(String channel, String sku, int quantity) {
        Response placed = post("/api/orders", orderBody(channel, "AUTHORIZED", sku, quantity));
        return ok(placed).path("orderNumber").asString();
    }

    String lineStatus(String orderNumber) {
        return ok(get("/api/orders/" + orderNumber)).path("lines").get(0).path("status").asString();
    }

    String productStatus(String sku) {
        return ok(get("/api/products/" + sku)).path("status").asString();
    }

    int ats(String sku, String channel) {
        return ok(get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    /** The stockout cases of the SKU, each as "orderNumber#lineNo reason". */
    List<String> cases(String sku) {
        List<String> found = new ArrayList<>();
        for (JsonNode c : ok(get("/api/stockouts?sku=" + sku + "&size=200")).path("items")) {
            found.add(c.path("orderNumber").asString() + "#" + c.path("lineNo").intValue() + " " + c.path("reason").asString());
        }
        return found;
    }

    Response preview(String csv, String fileName) {
        return postCsv("/api/discontinuations/preview", csv.getBytes(StandardCharsets.UTF_8), "text/csv", fileName);
    }

    Response apply(String csv, String fileName) {
        return postCsv("/api/discontinuations", csv.getBytes(StandardCharsets.UTF_8), "text/csv", fileName);
    }

    Response postCsv(String path, byte[] body, String contentType, String fileName) {
        return postCsv(path, body, contentType, fileName, TOKEN);
    }

    Response postCsv(String path, byte[] body, String contentType, String fileName, String bearer) {
        String query = fileName == null ? "" : "?fileName=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path + query))
                    .header("Content-Type", contentType).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + bearer)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Location").orElse(null), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The report's entry for the product. */
    static JsonNode product(JsonNode report, String sku) {
        for (JsonNode p : report.path("products")) {
            if (p.path("sku").asString().equals(sku)) return p;
        }
        throw new AssertionError("no product " + sku + " in " + report);
    }
}
