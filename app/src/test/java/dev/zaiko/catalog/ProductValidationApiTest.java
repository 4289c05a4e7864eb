package dev.zaiko.catalog;

import static dev.zaiko.catalog.Api.tent;
import static dev.zaiko.catalog.Api.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every rule a product body can break: each bad body is refused with a 400 problem whose
 * detail names the rule, and neither a create nor an update leaves a trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProductValidationApiTest {

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

    /** A way to spoil a valid body, and what the detail must say about it. */
    record BadBody(String label, Consumer<ObjectNode> spoil, String detail) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<BadBody> badBodies() {
        return Stream.of(
                new BadBody("name missing", b -> b.remove("name"), "name is required"),
                new BadBody("name is a text", b -> b.put("name", "Tent"), "name must be an object with both names"),
                new BadBody("name.ja blank", b -> ((ObjectNode) b.get("name")).put("ja", "  "),
                        "name.ja is required and must not be blank"),
                new BadBody("name.en missing", b -> ((ObjectNode) b.get("name")).remove("en"),
                        "name.en is required and must not be blank"),
                new BadBody("name.en a number", b -> ((ObjectNode) b.get("name")).put("en", 5), "name.en must be a text"),
                new BadBody("category missing", b -> b.remove("category"), "category is required and must not be blank"),
                new BadBody("category blank", b -> b.put("category", ""), "category is required and must not be blank"),
                new BadBody("price missing", b -> b.remove("price"), "price is required: a whole number of yen"),
                new BadBody("price with decimals", b -> b.put("price", 1500.5),
                        "price must be a whole number of yen (JPY has no decimals), got 1500.5"),
                new BadBody("price with .0", b -> b.put("price", 1500.0), "price must be a whole number of yen"),
                new BadBody("price as text", b -> b.put("price", "1500"), "price must be a whole number of yen"),
                new BadBody("price negative", b -> b.put("price", -1), "price must be 0 or more"),
                new BadBody("lowStockThreshold negative", b -> b.put("lowStockThreshold", -1),
                        "lowStockThreshold must be 0 or more"),
                new BadBody("lowStockThreshold decimal", b -> b.put("lowStockThreshold", 2.5),
                        "lowStockThreshold must be a whole number"),
                new BadBody("leadTimeDays negative", b -> b.put("leadTimeDays", -3), "leadTimeDays must be 0 or more"),
                new BadBody("leadTimeDays decimal", b -> b.put("leadTimeDays", 1.5), "leadTimeDays must be a whole number"),
                new BadBody("status unknown", b -> b.put("status", "SOLD_OUT"), "status must be ACTIVE or DISCONTINUED"),
                new BadBody("attribute name empty", b -> attributes(b).putObject("").put("value", 1),
                        "attribute names must not be empty or blank"),
                new BadBody("attribute name blank", b -> attributes(b).putObject("   ").put("value", 1),
                        "attribute names must not be empty or blank"),
                new BadBody("attribute value an object", b -> attributes(b).putObject("size").putObject("value")
                        .put("w", 1), "attributes.size.value must be a number or a text, got an object"),
                new BadBody("attribute value a list", b -> attributes(b).putObject("size").putArray("value").add(1),
                        "attributes.size.value must be a number or a text, got a list"),
                new BadBody("attribute value null", b -> attributes(b).putObject("size").putNull("value"),
                        "attributes.size.value is required: a number or a text"),
                new BadBody("attribute value missing", b -> attributes(b).putObject("size").put("unit", "mm"),
                        "attributes.size.value is required"),
                new BadBody("attribute value boolean", b -> attributes(b).putObject("waterproof").put("value", true),
                        "attributes.waterproof.value must be a number or a text, got true"),
                new BadBody("attribute value blank text", b -> attributes(b).putObject("colour").put("value", " "),
                        "attributes.colour must not be an empty or blank text"),
                new BadBody("unit with a text value", b -> attributes(b).putObject("colour").put("value", "red")
                        .put("unit", "mm"), "attributes.colour.unit is only allowed with a number value"),
                new BadBody("unit blank", b -> attributes(b).putObject("width").put("value", 3).put("unit", " "),
                        "attributes.width.unit must not be blank"),
                new BadBody("unit a number", b -> attributes(b).putObject("width").put("value", 3).put("unit", 5),
                        "attributes.width.unit must be a text"),
                new BadBody("attribute not an object", b -> attributes(b).put("weight", 5),
                        "attributes.weight must be an object like"),
                new BadBody("attribute with unknown field", b -> attributes(b).putObject("weight").put("value", 5)
                        .put("units", "kg"), "attributes.weight has unknown fields [units]"),
                new BadBody("attributes a list", b -> b.putArray("attributes"), "attributes must be an object"),
                new BadBody("51 attributes", b -> {
                    ObjectNode attributes = b.putObject("attributes");
                    for (int i = 1; i <= 51; i++) attributes.putObject("a" + i).put("value", i);
                }, "at most 50 attributes are allowed, got 51"),
                new BadBody("21 purpose tags", b -> {
                    ArrayNode tags = b.putArray("purposeTags");
                    for (int i = 1; i <= 21; i++) tags.add("tag" + i);
                }, "at most 20 purposeTags are allowed, got 21"),
                new BadBody("blank purpose tag", b -> ((ArrayNode) b.get("purposeTags")).add(" "),
                        "purposeTags must not contain empty or blank tags"),
                new BadBody("purpose tag a number", b -> ((ArrayNode) b.get("purposeTags")).add(7),
                        "purposeTags must contain only texts"),
                new BadBody("purpose tags a text", b -> b.put("purposeTags", "camping"),
                        "purposeTags must be a list of texts"));
    }

    static Stream<BadBody> badSkus() {
        return Stream.of(
                new BadBody("sku missing", b -> b.remove("sku"), "sku is required"),
                new BadBody("sku lower case", b -> b.put("sku", "tent-1"), "must match ^[A-Z0-9][A-Z0-9._-]{1,63}$"),
                new BadBody("sku one character", b -> b.put("sku", "T"), "must match ^[A-Z0-9][A-Z0-9._-]{1,63}$"),
                new BadBody("sku starting with a dash", b -> b.put("sku", "-TENT"), "must match"),
                new BadBody("sku with a space", b -> b.put("sku", "TENT 1"), "must match"),
                new BadBody("sku of 65 characters", b -> b.put("sku", "T".repeat(65)), "must match"));
    }

    @ParameterizedTest(name = "create refuses: {0}")
    @MethodSource({"badBodies", "badSkus"})
    void createRefusesAndStoresNothing(BadBody bad) {
        String sku = uniqueSku("BAD");
        ObjectNode body = tent(sku);
        bad.spoil().accept(body);
        long rows = productRows();

        Api.Response response = api.post("/api/products", body);

        assertProblem(response, bad.detail());
        assertThat(productRows()).isEqualTo(rows);
        assertThat(api.get("/api/products/" + sku).status()).isEqualTo(404);
        assertThat(probe.about(sku)).isEmpty();
    }

    @ParameterizedTest(name = "update refuses: {0}")
    @MethodSource("badBodies")
    void updateRefusesAndChangesNothing(BadBody bad) {
        String sku = uniqueSku("BAD");
        JsonNode before = api.post("/api/products", tent(sku)).json();
        ObjectNode body = tent(sku);
        body.put("price", 1);
        bad.spoil().accept(body);

        Api.Response response = api.put("/api/products/" + sku, body);

        assertProblem(response, bad.detail());
        assertThat(api.get("/api/products/" + sku).json()).isEqualTo(before);
        assertThat(probe.about(sku)).hasSize(1);
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        ObjectNode body = tent("lower-case");
        ((ObjectNode) body.get("name")).put("en", "");
        body.put("lowStockThreshold", -2);

        Api.Response response = api.post("/api/products", body);

        assertProblem(response, "sku 'lower-case' must match");
        assertThat(response.detail()).contains("name.en is required").contains("lowStockThreshold must be 0 or more");
    }

    @Test
    void refusesABodyThatIsNotJson() {
        long rows = productRows();

        Api.Response response = api.post("/api/products", "{\"sku\": \"TENT-1\", ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("https://zaiko.dev/problems/unreadable-request");
        assertThat(productRows()).isEqualTo(rows);
    }

    @Test
    void acceptsTheLimitsThemselves() {
        String sku = uniqueSku("LIMITS");
        ObjectNode body = tent(sku);
        ObjectNode attributes = body.putObject("attributes");
        for (int i = 1; i <= 50; i++) attributes.putObject("a" + i).put("value", i);
        ArrayNode tags = body.putArray("purposeTags");
        for (int i = 1; i <= 20; i++) tags.add("tag" + i);
        body.put("price", 0);
        body.put("lowStockThreshold", 0);
        body.put("leadTimeDays", 0);

        Api.Response response = api.post("/api/products", body);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("attributes").size()).isEqualTo(50);
        assertThat(response.json().path("purposeTags").size()).isEqualTo(20);
        assertThat(api.post("/api/products", tent("AB")).status()).isEqualTo(201); // shortest SKU the pattern allows
        assertThat(api.post("/api/products", tent("9" + "Z".repeat(63))).status()).isEqualTo(201);
    }

    private void assertProblem(Api.Response response, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").intValue()).isEqualTo(400);
        assertThat(response.json().path("type").asString()).startsWith("https://zaiko.dev/problems/");
        assertThat(response.detail()).contains(detail);
    }

    private static ObjectNode attributes(ObjectNode body) {
        return (ObjectNode) body.get("attributes");
    }

    private long productRows() {
        return jdbc.sql("select count(*) from catalog_product").query(Long.class).single();
    }
}
