package dev.zaiko.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.zaiko.support.Jans;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The product page shows a product's JAN code and sets it by the catalog's rules. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductJanPageTest {

    @LocalServerPort
    int port;

    @Test
    void theProductPageSetsAJanCodeRefusesABadOrTakenOneAndRemovesItWhenEmptied() {
        WebApi api = new WebApi(port);
        String sku = api.newProduct("JANPAGE", "テント", "Tent");
        String other = api.newProduct("JANPAGE", "タープ", "Tarp");
        String takenJan = Jans.random();
        api.ok(api.put("/api/products/" + other, ShopApi.JSON.createObjectNode().put("sku", other).put("category", "tent")
                .put("price", 1000).put("jan", takenJan).set("name", ShopApi.JSON.createObjectNode()
                        .put("ja", "タープ").put("en", "Tarp"))));
        WebApi browser = new WebApi(port).signedIn();
        String path = "/inventory/" + sku;
        assertThat(browser.page(path).body()).contains("id=\"jan-form\"").contains("<dd id=\"product-jan\">-</dd>");

        String jan = Jans.random();
        ShopApi.Response set = browser.postForm(path + "/jan", Map.of("jan", jan));
        assertThat(set.status()).as(set.body()).isEqualTo(302);
        assertThat(browser.page(path).body()).contains("JANコードを " + jan + " にしました")
                .contains("<dd id=\"product-jan\">" + jan + "</dd>");
        assertThat(api.ok(api.get("/api/products/" + sku)).path("jan").asString()).isEqualTo(jan);

        ShopApi.Response bad = browser.postForm(path + "/jan", Map.of("jan", Jans.spoiled(jan)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("チェックデジット").contains("aria-invalid=\"true\"");
        ShopApi.Response taken = browser.postForm(path + "/jan", Map.of("jan", takenJan));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("すでに商品 " + other + " に登録されています");
        assertThat(api.ok(api.get("/api/products/" + sku)).path("jan").asString()).as("unchanged").isEqualTo(jan);

        assertThat(browser.postForm(path + "/jan", Map.of("jan", "")).status()).isEqualTo(302);
        assertThat(api.ok(api.get("/api/products/" + sku)).path("jan").isNull()).isTrue();
        assertThat(api.ok(api.get("/api/products/" + sku)).path("lowStockThreshold").asInt())
                .as("the rest of the product is kept").isEqualTo(2);
    }
}
