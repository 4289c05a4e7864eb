package dev.zaiko.catalog;

import static dev.zaiko.catalog.Api.tent;
import static dev.zaiko.catalog.Api.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zaiko.support.Jans;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.node.ObjectNode;

/** A product's JAN code: optional, 13 or 8 digits with a correct check digit, and one product's only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductJanApiTest {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aProductKeepsItsJanCodeAndAFullReplacementWithoutOneRemovesIt() {
        String sku = uniqueSku("JAN");
        String jan = Jans.random();
        ShopApi.Response created = api.post("/api/products", tent(sku).put("jan", " " + jan + " "));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("jan").asString()).as("spaces around it dropped").isEqualTo(jan);
        assertThat(api.ok(api.get("/api/products/" + sku)).path("jan").asString()).isEqualTo(jan);

        String jan8 = "4901234" + Jans.checkDigit("4901234");
        assertThat(api.ok(api.put("/api/products/" + sku, tent(sku).put("jan", jan8))).path("jan").asString())
                .as("a JAN-8 is a JAN too").isEqualTo(jan8);
        assertThat(api.ok(api.put("/api/products/" + sku, tent(sku))).path("jan").isNull())
                .as("PUT replaces every field").isTrue();
    }

    @Test
    void aJanWithAWrongCheckDigitOrLengthIsRefusedNamingTheFieldAndNothingIsRegistered() {
        String sku = uniqueSku("JAN");
        String good = Jans.random();
        ShopApi.Response wrongDigit = api.post("/api/products", tent(sku).put("jan", Jans.spoiled(good)));
        assertThat(wrongDigit.status()).isEqualTo(400);
        assertThat(wrongDigit.detail()).contains("jan '" + Jans.spoiled(good) + "' has a wrong check digit")
                .contains("should be " + good.charAt(12));
        ShopApi.Response tooShort = api.post("/api/products", tent(sku).put("jan", "490123456789"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.detail()).contains("jan '490123456789' must be 13 digits");
        ObjectNode number = tent(sku);
        number.put("jan", 4901234567894L);
        ShopApi.Response asNumber = api.post("/api/products", number);
        assertThat(asNumber.status()).isEqualTo(400);
        assertThat(asNumber.detail()).contains("jan must be a text of 13 or 8 digits");
        assertThat(api.get("/api/products/" + sku).status()).isEqualTo(404);
    }

    @Test
    void aJanAnotherProductHasIsRefusedOnRegisteringAndOnChangingAndNamesThatProduct() {
        String jan = Jans.random();
        String first = uniqueSku("JAN");
        api.ok(api.post("/api/products", tent(first).put("jan", jan)));

        String second = uniqueSku("JAN");
        ShopApi.Response taken = api.post("/api/products", tent(second).put("jan", jan));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.type()).endsWith("jan-taken");
        assertThat(taken.json().path("field").asString()).isEqualTo("jan");
        assertThat(taken.json().path("sku").asString()).isEqualTo(first);
        assertThat(api.get("/api/products/" + second).status()).as("nothing registered").isEqualTo(404);

        api.ok(api.post("/api/products", tent(second)));
        ShopApi.Response changed = api.put("/api/products/" + second, tent(second).put("jan", jan));
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().path("field").asString()).isEqualTo("jan");
        assertThat(api.ok(api.get("/api/products/" + second)).path("jan").isNull()).isTrue();
        assertThat(api.ok(api.put("/api/products/" + first, tent(first).put("jan", jan))).path("jan").asString())
                .as("a product may keep its own JAN").isEqualTo(jan);
    }
}
