package dev.zaiko.deal;

import static dev.zaiko.deal.DealApi.REGULAR;
import static dev.zaiko.deal.DealApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cart that holds a deal's units checks out: the order's line names the deal and the hold, and
 * takes the held units at the deal price without drawing from the deal again. Deal units never
 * leave at the regular price through a hold, nor regular units at the deal price, and a
 * members-only deal sells to an order that carries the member's segment.
 */
class DealCartToOrderApiTest extends DealApiTestBase {

    ShopApi.Response order(String sku, long unitPrice, String deal, String reservationId, String segment) {
        ObjectNode body = ShopApi.orderBody(shop.web(), "AUTHORIZED", sku, 1);
        ObjectNode line = (ObjectNode) body.withArray("lines").get(0);
        line.put("unitPrice", unitPrice);
        if (deal != null) line.put("deal", deal);
        if (reservationId != null) line.put("reservationId", reservationId);
        if (segment != null) body.withObject("customer").put("segment", segment);
        body.withObject("customer").put("email", ShopApi.uniqueEmail());
        return api.post("/api/orders", ShopApi.balancePayment(body));
    }

    @Test
    void aCartsDealHoldIsOrderedAtTheDealPriceWithoutDrawingFromTheDealAgain() {
        String sku = api.product("DCART");
        api.sellable(sku, shop.warehouse(), 5);
        String code = liveDeal(sku, 1200, 2, b -> { }).path("code").asString();
        String hold = api.ok(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), null)).path("id").asString();
        assertThat(api.deal(code).path("remaining").intValue()).isEqualTo(1);

        JsonNode placed = api.ok(order(sku, 1200, code, hold, null));

        assertThat(placed.path("lines").path(0).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(placed.path("lines").path(0).path("reservationId").asString()).isEqualTo(hold);
        JsonNode deal = api.deal(code);
        assertThat(deal.path("remaining").intValue()).as("not drawn a second time").isEqualTo(1);
        assertThat(deal.path("sold").intValue()).as("the cart's unit, sold").isEqualTo(1);
        assertThat(deal.path("held").intValue()).isZero();
        assertThat(api.ats(sku, shop.web())).as("regular stock untouched").isEqualTo(3);
    }

    @Test
    void aDealHoldWithoutItsDealAndARegularHoldNamingADealAreRefusedNamingTheReservation() {
        String sku = api.product("DCART");
        api.sellable(sku, shop.warehouse(), 5);
        String code = liveDeal(sku, 1200, 2, b -> { }).path("code").asString();
        String dealHold = api.ok(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), null)).path("id").asString();
        String regularHold = api.ok(api.post("/api/reservations", ShopApi.JSON.createObjectNode()
                .put("channel", shop.web()).put("sku", sku).put("quantity", 1).put("holdFor", "PT15M")))
                .path("id").asString();

        for (ShopApi.Response refused : java.util.List.of(order(sku, REGULAR, null, dealHold, null),
                order(sku, 1200, code, regularHold, null))) {
            assertProblem(refused, 400, "invalid-reservation");
            assertThat(refused.json().path("field").asString()).isEqualTo("lines[0].reservationId");
        }
        for (String id : java.util.List.of(dealHold, regularHold)) {
            JsonNode r = api.ok(api.get("/api/reservations/" + id));
            assertThat(r.path("status").asString()).isEqualTo("OPEN");
            assertThat(r.path("expiresAt").isNull()).as("still the cart's hold").isFalse();
            api.ok(api.post("/api/reservations/" + id + "/release"));
        }
    }

    @Test
    void aMembersOnlyDealSellsToAnOrderCarryingTheMembersSegment() {
        String sku = api.product("DCART");
        api.sellable(sku, shop.warehouse(), 3);
        String code = liveDeal(sku, 900, 2, b -> b.put("memberSegment", "PRIME")).path("code").asString();

        assertProblem(order(sku, 900, code, null, null), 409, "deal-members-only");
        JsonNode placed = api.ok(order(sku, 900, code, null, "PRIME"));

        assertThat(placed.path("lines").path(0).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(api.deal(code).path("remaining").intValue()).isEqualTo(1);
    }
}
