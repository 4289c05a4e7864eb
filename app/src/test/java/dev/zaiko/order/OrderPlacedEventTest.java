package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every order placed is announced once to analytics ({@link OrderPlaced}), naming its customer only by a pseudonym. */
class OrderPlacedEventTest extends OrderApiTestBase {

    private ObjectNode twoLines(String inStock, String backorderable, String email) {
        ObjectNode body = order(shop.web(), inStock, 2, backorderable, 1);
        body.withObject("customer").put("email", email);
        body.put("shippingFee", 600);
        ((ObjectNode) body.withArray("lines").get(1)).put("unitPrice", 3300);
        return OrderApi.balancePayment(body);
    }

    @Test
    void anOrderIsPublishedOnceWithItsLinesItsTotalAndAPseudonymInsteadOfTheEmail() {
        String inStock = api.product("PLACED", false);
        api.sellable(inStock, shop.warehouse(), 5);
        String backorderable = api.product("PLACEDBO", true);
        api.inbound(backorderable, shop.warehouse(), 10, OrderApi.today().plusDays(7));
        String email = OrderApi.uniqueEmail();

        JsonNode o = api.ok(api.post("/api/orders", twoLines(inStock, backorderable, email.toUpperCase())));

        String number = o.path("orderNumber").asString();
        List<OrderPlaced> events = probe.placed(number);
        assertThat(events).hasSize(1);
        OrderPlaced e = events.get(0);
        assertThat(e.channel()).isEqualTo(shop.web());
        assertThat(e.b2b()).isFalse();
        assertThat(e.segment()).isNull();
        assertThat(e.shippingFee()).isEqualTo(600);
        assertThat(e.total()).isEqualTo(2 * 1980 + 3300 + 600);
        assertThat(e.lines()).containsExactly(
                new OrderPlaced.PlacedLine(1, inStock, 2, 1980, false),
                new OrderPlaced.PlacedLine(2, backorderable, 1, 3300, true));
        assertThat(e.placedAt().toString()).isEqualTo(o.path("placedAt").asString());
        assertThat(e.customerKey()).matches("[A-Za-z0-9_-]{43}")
                .doesNotContainIgnoringCase(email.substring(0, email.indexOf('@')));
        assertThat(e.toString()).doesNotContainIgnoringCase(email);

        // the same customer (another spelling of the address) gets the same key; another customer another
        api.sellable(inStock, shop.warehouse(), 5);
        String again = api.ok(api.post("/api/orders", twoLines(inStock, backorderable, email)))
                .path("orderNumber").asString();
        String other = api.ok(api.post("/api/orders", twoLines(inStock, backorderable, OrderApi.uniqueEmail())))
                .path("orderNumber").asString();
        assertThat(probe.placed(again)).singleElement().extracting(OrderPlaced::customerKey).isEqualTo(e.customerKey());
        assertThat(probe.placed(other)).singleElement().extracting(OrderPlaced::customerKey)
                .isNotEqualTo(e.customerKey());
    }

    @Test
    void aReplayedOrderRequestIsNotPublishedASecondTime() {
        String sku = api.product("REPLAYED", false);
        api.sellable(sku, shop.store(), 3);
        ObjectNode body = order(shop.marketplace(), sku, 1).put("externalRef", OrderApi.unique("EXT"));

        String first = api.ok(api.post("/api/orders", body)).path("orderNumber").asString();
        String replayed = api.ok(api.post("/api/orders", body)).path("orderNumber").asString();

        assertThat(replayed).isEqualTo(first);
        assertThat(probe.placed(first)).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo(shop.marketplace());
            assertThat(e.total()).isEqualTo(1980);
            assertThat(e.lines()).containsExactly(new OrderPlaced.PlacedLine(1, sku, 1, 1980, false));
        });
    }

    @Test
    void aRefusedOrderPublishesNothing() {
        String sku = api.product("TOOFEW", false);
        api.sellable(sku, shop.warehouse(), 1);

        api.rejected(409, "insufficient-stock", List.of(sku), () -> api.post("/api/orders", order(shop.web(), sku, 2)));

        assertThat(probe.placedOfSku(sku)).isEmpty();
    }
}
