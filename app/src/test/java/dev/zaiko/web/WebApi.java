package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The console tests' client: the API to set a shop up (admin token), and the console as a signed-in browser. */
class WebApi extends ShopApi {

    static final String ADMIN = "admin";
    /** application-test.properties gives the first admin this password. */
    static final String ADMIN_PASSWORD = "test-admin-password";

    WebApi(int port) {
        super(port);
    }

    /** A new active product with a Japanese and an English name; answers its SKU. */
    String newProduct(String prefix, String nameJa, String nameEn) {
        String sku = unique(prefix);
        ObjectNode body = JSON.createObjectNode().put("sku", sku).put("category", "tent").put("price", 29800)
                .put("lowStockThreshold", 2);
        body.putObject("name").put("ja", nameJa).put("en", nameEn);
        Response created = post("/api/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return sku;
    }

    /** A location's levels from the API; all zero when the SKU never had stock there. */
    JsonNode level(String sku, String location) {
        for (JsonNode l : ok(get("/api/stock/" + sku)).path("locations")) {
            if (l.path("location").asString().equals(location)) return l;
        }
        return JSON.createObjectNode().put("inspecting", 0).put("sellable", 0).put("reserved", 0).put("defective", 0);
    }

    /** Signs in to the console as the first admin with the form, as a person would; the session cookie is kept. */
    WebApi signedIn() {
        return signedIn(ADMIN, ADMIN_PASSWORD);
    }

    WebApi signedIn(String username, String password) {
        signIn(username, password);
        return this;
    }
}
