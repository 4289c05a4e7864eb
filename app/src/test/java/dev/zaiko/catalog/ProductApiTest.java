package dev.zaiko.catalog;

import static dev.zaiko.catalog.Api.tent;
import static dev.zaiko.catalog.Api.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProductEventProbe probe;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void registersAProductAndReadsItBack() {
        String sku = uniqueSku("TENT");

        Api.Response created = api.post("/api/products", tent(sku));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("http://localhost:" + port + "/api/products/" + sku);
        JsonNode product = created.json();
        // the stable names from DESIGN.md, plus currency and the timestamps, in this order
        assertThat(product.propertyNames()).containsExactly("sku", "name", "category", "purposeTags", "attributes",
                "price", "currency", "status", "oneOfAKind", "lowStockThreshold", "backorderable", "supplier",
                "leadTimeDays", "jan", "createdAt", "updatedAt");
        assertThat(product.path("sku").asString()).isEqualTo(sku);
        assertThat(product.path("name").path("ja").asString()).isEqualTo("ドームテント 4人用");
        assertThat(product.path("name").path("en").asString()).isEqualTo("Dome tent for 4");
        assertThat(product.path("category").asString()).isEqualTo("tent");
        assertThat(product.path("purposeTags").toString()).isEqualTo("[\"camping\",\"shelter\"]");
        assertThat(product.path("attributes").toString()).isEqualTo(
                "{\"capacity\":{\"value\":4,\"unit\":\"persons\"},\"height\":{\"value\":1500,\"unit\":\"mm\"},"
                        + "\"material\":{\"value\":\"polyester\"}}");
        assertThat(product.path("price").isIntegralNumber()).isTrue();
        assertThat(product.path("price").longValue()).isEqualTo(29800);
        assertThat(product.path("currency").asString()).isEqualTo("JPY");
        assertThat(product.path("supplier").asString()).isEqualTo("Yamanami Outdoor");
        assertThat(product.path("leadTimeDays").intValue()).isEqualTo(14);
        // defaults for what the body left out
        assertThat(product.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(product.path("oneOfAKind").booleanValue()).isFalse();
        assertThat(product.path("lowStockThreshold").intValue()).isEqualTo(3);
        assertThat(product.path("backorderable").booleanValue()).isFalse();
        assertThat(product.path("createdAt").asString()).isNotBlank().isEqualTo(product.path("updatedAt").asString());

        Api.Response read = api.get("/api/products/" + sku);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(product);
    }

    @Test
    void keepsDecimalAttributeValuesExactly() {
        String sku = uniqueSku("BOTTLE");
        ObjectNode body = tent(sku);
        ObjectNode attributes = body.putObject("attributes");
        attributes.putObject("volume").put("value", 500).put("unit", "ml");
        attributes.putObject("weight").put("value", new java.math.BigDecimal("0.35")).put("unit", "kg");

        assertThat(api.post("/api/products", body).status()).isEqualTo(201);

        JsonNode read = api.get("/api/products/" + sku).json().path("attributes");
        assertThat(read.path("weight").path("value").decimalValue()).isEqualByComparingTo("0.35");
        assertThat(read.path("volume").path("value").toString()).isEqualTo("500");
    }

    @Test
    void unknownSkuIsNotFoundWithAClearDetail() {
        Api.Response response = api.get("/api/products/NO-SUCH-SKU-1");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.detail()).isEqualTo("No product with SKU 'NO-SUCH-SKU-1'.");
    }

    @Test
    void aTakenSkuIsAConflictAndTheFirstProductStays() {
        String sku = uniqueSku("DUP");
        JsonNode first = api.post("/api/products", tent(sku)).json();
        ObjectNode second = tent(sku);
        second.put("price", 1);
        long rows = productRows();

        Api.Response response = api.post("/api/products", second);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("https://zaiko.dev/problems/sku-taken");
        assertThat(response.detail()).contains("'" + sku + "' already exists");
        assertThat(response.json().path("sku").asString()).isEqualTo(sku);
        assertThat(productRows()).isEqualTo(rows);
        assertThat(api.get("/api/products/" + sku).json()).isEqualTo(first);
    }

    @Test
    void updateReplacesTheEditableFields() {
        String sku = uniqueSku("TENT");
        JsonNode created = api.post("/api/products", tent(sku)).json();
        ObjectNode change = Api.JSON.createObjectNode();
        change.putObject("name").put("ja", "ドームテント 5人用").put("en", "Dome tent for 5");
        change.put("category", "tent-large");
        change.putArray("purposeTags").add("camping");
        change.putObject("attributes").putObject("capacity").put("value", 5).put("unit", "persons");
        change.put("price", 34800);
        change.put("oneOfAKind", true);
        change.put("lowStockThreshold", 1);
        change.put("backorderable", true);

        Api.Response updated = api.put("/api/products/" + sku, change);

        assertThat(updated.status()).isEqualTo(200);
        JsonNode product = updated.json();
        assertThat(product.path("sku").asString()).isEqualTo(sku);
        assertThat(product.path("name").path("en").asString()).isEqualTo("Dome tent for 5");
        assertThat(product.path("category").asString()).isEqualTo("tent-large");
        assertThat(product.path("purposeTags").toString()).isEqualTo("[\"camping\"]");
        assertThat(product.path("attributes").toString()).isEqualTo("{\"capacity\":{\"value\":5,\"unit\":\"persons\"}}");
        assertThat(product.path("price").longValue()).isEqualTo(34800);
        assertThat(product.path("oneOfAKind").booleanValue()).isTrue();
        assertThat(product.path("lowStockThreshold").intValue()).isEqualTo(1);
        assertThat(product.path("backorderable").booleanValue()).isTrue();
        // a full replacement: what the body leaves out is gone, not kept
        assertThat(product.path("supplier").isNull()).isTrue();
        assertThat(product.path("leadTimeDays").isNull()).isTrue();
        assertThat(product.path("createdAt")).isEqualTo(created.path("createdAt"));
        assertThat(product.path("updatedAt").asString()).isGreaterThanOrEqualTo(created.path("updatedAt").asString());
        assertThat(api.get("/api/products/" + sku).json()).isEqualTo(product);
    }

    @Test
    void updateCanDiscontinueAndOmittingTheStatusKeepsIt() {
        String sku = uniqueSku("LAMP");
        api.post("/api/products", tent(sku));
        ObjectNode discontinue = tent(sku);
        discontinue.put("status", "DISCONTINUED");
        assertThat(api.put("/api/products/" + sku, discontinue).json().path("status").asString())
                .isEqualTo("DISCONTINUED");

        ObjectNode withoutStatus = tent(sku);
        withoutStatus.remove("sku");
        withoutStatus.put("price", 100);
        Api.Response response = api.put("/api/products/" + sku, withoutStatus);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("status").asString()).isEqualTo("DISCONTINUED");
        assertThat(response.json().path("price").longValue()).isEqualTo(100);
    }

    @Test
    void aProductReadCanBeSentBackAsAnUpdate() {
        String sku = uniqueSku("ROUND");
        JsonNode created = api.post("/api/products", tent(sku)).json();

        Api.Response response = api.put("/api/products/" + sku, created);

        assertThat(response.status()).isEqualTo(200);
        ObjectNode expected = ((ObjectNode) created.deepCopy());
        expected.set("updatedAt", response.json().path("updatedAt"));
        assertThat(response.json()).isEqualTo(expected);
    }

    @Test
    void updatingAnUnknownProductIsNotFoundAndCreatesNothing() {
        String sku = uniqueSku("GHOST");
        long rows = productRows();

        Api.Response response = api.put("/api/products/" + sku, tent(sku));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.detail()).isEqualTo("No product with SKU '" + sku + "'.");
        assertThat(productRows()).isEqualTo(rows);
        assertThat(api.get("/api/products/" + sku).status()).isEqualTo(404);
    }

    @Test
    void aBodySkuThatDiffersFromThePathIsRejectedAndChangesNothing() {
        String sku = uniqueSku("TENT");
        String other = uniqueSku("OTHER");
        JsonNode before = api.post("/api/products", tent(sku)).json();
        ObjectNode change = tent(other);
        change.put("price", 1);

        Api.Response response = api.put("/api/products/" + sku, change);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.detail()).contains("'" + other + "'").contains("'" + sku + "'")
                .contains("does not match");
        assertThat(api.get("/api/products/" + sku).json()).isEqualTo(before);
        assertThat(api.get("/api/products/" + other).status()).isEqualTo(404);
    }

    @Test
    void listsFiltersAndPages() {
        String category = "list-" + UUID.randomUUID();
        String token = UUID.randomUUID().toString().substring(0, 8);
        String a = uniqueSku("LISTA");
        String b = uniqueSku("LISTB");
        String c = uniqueSku("LISTC");
        for (String sku : List.of(c, a, b)) {
            ObjectNode body = tent(sku);
            body.put("category", category);
            if (sku.equals(b)) {
                body.putObject("name").put("ja", "寝袋 " + token).put("en", "Sleeping bag");
                body.put("status", "DISCONTINUED");
            }
            if (sku.equals(c)) {
                body.putObject("name").put("ja", "ランタン").put("en", "Lantern " + token.toUpperCase());
            }
            assertThat(api.post("/api/products", body).status()).isEqualTo(201);
        }

        JsonNode all = api.get("/api/products?category=" + category).json();
        assertThat(skus(all)).containsExactly(a, b, c);
        assertThat(all.path("total").longValue()).isEqualTo(3);
        assertThat(all.path("page").intValue()).isZero();
        assertThat(all.path("size").intValue()).isEqualTo(20);

        JsonNode secondPage = api.get("/api/products?category=" + category + "&size=2&page=1").json();
        assertThat(skus(secondPage)).containsExactly(c);
        assertThat(secondPage.path("total").longValue()).isEqualTo(3);
        assertThat(secondPage.path("page").intValue()).isEqualTo(1);
        assertThat(secondPage.path("size").intValue()).isEqualTo(2);

        // q: Japanese name, English name (other case), SKU (lower case)
        assertThat(skus(api.get("/api/products?q=" + token).json())).containsExactly(b, c);
        assertThat(skus(api.get("/api/products?q=" + token.toUpperCase()).json())).containsExactly(b, c);
        assertThat(skus(api.get("/api/products?q=" + a.toLowerCase()).json())).containsExactly(a);

        assertThat(skus(api.get("/api/products?category=" + category + "&status=DISCONTINUED").json()))
                .containsExactly(b);
        assertThat(skus(api.get("/api/products?category=" + category + "&status=ACTIVE&q=" + token).json()))
                .containsExactly(c);
        assertThat(api.get("/api/products?category=" + category + "&page=5").json().path("items").size()).isZero();
    }

    @Test
    void rejectsBadListParameters() {
        assertBadList("/api/products?status=SOLD_OUT", "status must be ACTIVE or DISCONTINUED");
        assertBadList("/api/products?size=0", "size must be between 1 and 200");
        assertBadList("/api/products?size=201", "size must be between 1 and 200");
        assertBadList("/api/products?page=-1", "page must be 0 or more");
        assertBadList("/api/products?page=first", "page");
    }

    @Test
    void publishesProductChangedInsideTheTransactionOnCreateAndUpdate() {
        String sku = uniqueSku("EVT");
        api.post("/api/products", tent(sku));

        assertThat(probe.about(sku)).containsExactly(new ProductEventProbe.Received(
                new ProductChanged(sku, ProductStatus.ACTIVE, false, false, 3), true));

        ObjectNode change = tent(sku);
        change.put("status", "DISCONTINUED");
        change.put("oneOfAKind", true);
        change.put("backorderable", true);
        change.put("lowStockThreshold", 0);
        assertThat(api.put("/api/products/" + sku, change).status()).isEqualTo(200);

        assertThat(probe.about(sku)).containsExactly(
                new ProductEventProbe.Received(new ProductChanged(sku, ProductStatus.ACTIVE, false, false, 3), true),
                new ProductEventProbe.Received(new ProductChanged(sku, ProductStatus.DISCONTINUED, true, true, 0), true));
    }

    private void assertBadList(String path, String detail) {
        Api.Response response = api.get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        assertThat(response.detail()).as(path).contains(detail);
    }

    private static List<String> skus(JsonNode page) {
        return page.path("items").valueStream().map(p -> p.path("sku").asString()).toList();
    }

    private long productRows() {
        return jdbc.sql("select count(*) from catalog_product").query(Long.class).single();
    }
}
