package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/products/{sku}/discontinue: nothing sellable anywhere at once, and the lines waiting for it are short. */
class DiscontinuationApiTest extends OrderApiTestBase {

    int ats(String sku, String channel) {
        return api.ok(api.get("/api/availability/" + sku + "?channel=" + channel)).path("ats").intValue();
    }

    @Test
    void discontinuingStopsEveryChannelAtOnceAndTheWaitingLinesBecomeShort() {
        String sku = api.product("DISC", true);
        api.sellable(sku, shop.store(), 3);
        api.inbound(sku, shop.warehouse(), 10, today().plusDays(7));
        OrderApi.Response allocated = api.post("/api/orders", order(shop.web(), sku, 1));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        String kept = allocated.json().path("orderNumber").asString();
        OrderApi.Response waiting = api.post("/api/orders", order(shop.web(), sku, 5));
        assertThat(waiting.json().path("lines").get(0).path("status").asString()).isEqualTo("BACKORDERED");
        String backordered = waiting.json().path("orderNumber").asString();
        assertThat(ats(sku, shop.web())).isEqualTo(2);
        assertThat(ats(sku, shop.marketplace())).isEqualTo(2);
        assertThat(ats(sku, shop.till())).isEqualTo(2);

        JsonNode product = api.ok(api.post("/api/products/" + sku + "/discontinue", ""));

        assertThat(product.path("status").asString()).isEqualTo("DISCONTINUED");
        assertThat(api.ok(api.get("/api/products/" + sku)).path("status").asString()).isEqualTo("DISCONTINUED");
        for (String channel : List.of(shop.web(), shop.marketplace(), shop.till())) {
            assertThat(ats(sku, channel)).as(channel).isZero();
        }
        JsonNode shortOrder = api.ok(api.get("/api/orders/" + backordered));
        assertThat(shortOrder.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(shortOrder.path("lines").get(0).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(shortOrder.path("lines").get(0).path("promisedDate").isNull()).as("no date can be promised")
                .isTrue();
        assertThat(probe.about(backordered)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(OrderLineShort.DISCONTINUED);
            assertThat(e.quantity()).isEqualTo(5);
            assertThat(e.sku()).isEqualTo(sku);
        });
        assertThat(api.ok(api.get("/api/orders/" + kept)).path("lines").get(0).path("status").asString())
                .as("a line whose unit is reserved still ships").isEqualTo("ALLOCATED");
        assertThat(probe.about(kept)).isEmpty();

        // once is enough: again changes nothing and reports nothing
        JsonNode again = api.ok(api.post("/api/products/" + sku + "/discontinue", ""));
        assertThat(again).isEqualTo(product);
        assertThat(probe.ofSku(sku)).hasSize(1);
        api.assertConsistent();
    }

    @Test
    void anUnknownProductCannotBeDiscontinued() {
        String sku = OrderApi.unique("NOPE");
        OrderApi.Response response = api.post("/api/products/" + sku + "/discontinue", "");
        OrderApi.assertProblem(response, 404, null);
        assertThat(api.get("/api/products/" + sku).status()).isEqualTo(404);
    }
}
