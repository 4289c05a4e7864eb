package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Order lines keep the marketplace's own line id (externalLineRef) they were placed with. */
class OrderLineRefApiTest extends OrderApiTestBase {

    String sku;
    String other;

    @BeforeEach
    void twoProducts() {
        sku = api.product("LREF", false);
        other = api.product("LREF2", false);
        api.sellable(sku, shop.warehouse(), 10);
        api.sellable(other, shop.warehouse(), 10);
    }

    /** A marketplace order of two lines, the first with the platform's line id, the second without. */
    ObjectNode marketplaceOrder(String lineRef) {
        ObjectNode body = order(shop.marketplace(), sku, 2, other, 1).put("externalRef", OrderApi.unique("503-"));
        if (lineRef != null) OrderApi.line(body).put("externalLineRef", lineRef);
        return body;
    }

    @Test
    void theMarketplacesLineIdIsKeptWithTheLineAndShownWithTheOrder() {
        JsonNode placed = api.ok(api.post("/api/orders", marketplaceOrder(" 25959136016214 ")));
        String number = placed.path("orderNumber").asString();

        JsonNode read = api.ok(api.get("/api/orders/" + number));
        assertThat(read.path("lines").get(0).path("externalLineRef").asString()).as("stripped")
                .isEqualTo("25959136016214");
        assertThat(read.path("lines").get(1).path("externalLineRef").isNull()).as("a line sent without one").isTrue();
        assertThat(placed.path("lines")).isEqualTo(read.path("lines"));
        assertThat(jdbc.queryForList("select external_line_ref from orders_line where order_number = ? order by line_no",
                String.class, OrderApi.digits(number))).containsExactly("25959136016214", null);

        OrderApi browser = new OrderApi(port, jdbc);
        browser.signIn("admin", "test-admin-password");
        String ja = browser.page("/orders/" + number).body();
        assertThat(ja).contains("モール側の明細ID: 25959136016214");
        assertThat(ja.split("data-external-line-ref=", -1)).as("shown on the line that has one only").hasSize(2);
        assertThat(browser.page("/orders/" + number + "?lang=en").body())
                .contains("Marketplace line id: 25959136016214");
    }

    @Test
    void aBadLineIdIsRefusedNamingTheLineAndNothingIsStored() {
        refused("lines[0].externalLineRef", b -> OrderApi.line(b).put("externalLineRef", "  "));
        refused("lines[0].externalLineRef", b -> OrderApi.line(b).put("externalLineRef", "x".repeat(101)));
        refused("lines[1].externalLineRef", b -> ((ObjectNode) b.withArray("lines").get(1))
                .put("externalLineRef", "item\u0007code"));

        ObjectNode twice = marketplaceOrder("LINE-1");
        ((ObjectNode) twice.withArray("lines").get(1)).put("externalLineRef", " LINE-1");
        OrderApi.Response r = api.rejected(400, null, List.of(sku, other), () -> api.post("/api/orders", twice));
        assertThat(r.detail()).contains("lines[1].externalLineRef", "LINE-1", "lines[0]");
        assertThat(r.json().path("field").asString()).isEqualTo("lines[1].externalLineRef");

        // the longest one is taken
        assertThat(api.post("/api/orders", marketplaceOrder("x".repeat(100))).status()).isEqualTo(201);
    }

    private void refused(String field, Consumer<ObjectNode> breakIt) {
        ObjectNode body = marketplaceOrder(null);
        breakIt.accept(body);
        OrderApi.Response r = api.rejected(400, null, List.of(sku, other), () -> api.post("/api/orders", body));
        String named = r.json().path("field").asString("");
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(r.detail()).as(body.toString()).contains(field);
        assertThat(fields.contains(field) || named.startsWith(field)).as(r.body()).isTrue();
    }

    @Test
    void theLineIdIsPartOfWhatAReplayMustRepeat() {
        ObjectNode original = marketplaceOrder("25959136016214");
        String number = api.ok(api.post("/api/orders", original)).path("orderNumber").asString();

        OrderApi.Response same = api.post("/api/orders", original);
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.json().path("orderNumber").asString()).isEqualTo(number);

        ObjectNode otherId = original.deepCopy();
        OrderApi.line(otherId).put("externalLineRef", "25959136016999");
        assertThat(differences(otherId)).containsExactly("lines[0].externalLineRef");

        ObjectNode without = original.deepCopy();
        OrderApi.line(without).remove("externalLineRef");
        assertThat(differences(without)).containsExactly("lines[0].externalLineRef");

        ObjectNode added = original.deepCopy();
        ((ObjectNode) added.withArray("lines").get(1)).put("externalLineRef", "25959136017000");
        assertThat(differences(added)).containsExactly("lines[1].externalLineRef");

        assertThat(api.ok(api.get("/api/orders/" + number)).path("lines").get(0).path("externalLineRef").asString())
                .as("the order is as it was").isEqualTo("25959136016214");
    }

    private List<String> differences(ObjectNode changed) {
        OrderApi.Response r = api.rejected(409, "order-replay-mismatch", List.of(sku, other),
                () -> api.post("/api/orders", changed));
        List<String> named = new ArrayList<>();
        ((ArrayNode) r.json().path("differences")).forEach(d -> named.add(d.asString()));
        return named;
    }
}
