package dev.zaiko.deal;

import static dev.zaiko.deal.DealApi.REGULAR;
import static dev.zaiko.deal.DealApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deal sells its own quantity at its own price beside the regular stock at the regular price;
 * it refuses what breaks its rules (wrong price, non-members, while paused), and a plan that
 * breaks a rule is refused naming the field.
 */
class DealApiTest extends DealApiTestBase {

    static String field(ShopApi.Response r) {
        JsonNode problem = r.json();
        return problem.has("field") ? problem.path("field").asString()
                : problem.path("errors").path(0).path("field").asString();
    }

    @Test
    void dealUnitsSellAtTheDealPriceAndRegularUnitsAtTheRegularPrice() {
        String sku = api.product("DEAL");
        api.sellable(sku, shop.warehouse(), 8);
        JsonNode deal = liveDeal(sku, 1500, 5, b -> { });
        String code = deal.path("code").asString();
        assertThat(deal.path("setAsideUnits").intValue()).isEqualTo(5);
        assertThat(api.ats(sku, shop.web())).as("3 regular units remain for plain orders").isEqualTo(3);

        JsonNode offers = api.ok(api.get("/api/deals/offers?sku=" + sku + "&channel=" + shop.web()));
        assertThat(offers.path("regular").path("ats").intValue()).isEqualTo(3);
        assertThat(offers.path("regular").path("price").longValue()).isEqualTo(REGULAR);
        assertThat(offers.path("deals").size()).isEqualTo(1);
        assertThat(offers.path("deals").path(0).path("price").longValue()).isEqualTo(1500);
        assertThat(offers.path("deals").path(0).path("remaining").intValue()).isEqualTo(5);

        // a deal line at the regular price is refused, naming the field, and takes nothing
        ShopApi.Response wrongPrice = api.order(shop.web(), sku, 1, REGULAR, code, ShopApi.uniqueEmail());
        assertProblem(wrongPrice, 400, "deal-price-mismatch");
        assertThat(field(wrongPrice)).isEqualTo("lines[0].unitPrice");
        assertThat(api.deal(code).path("remaining").intValue()).isEqualTo(5);

        JsonNode dealOrder = api.ok(api.order(shop.web(), sku, 2, 1500, code, ShopApi.uniqueEmail()));
        assertThat(dealOrder.path("lines").path(0).path("status").asString()).isEqualTo("ALLOCATED");
        JsonNode plain = api.ok(api.order(shop.web(), sku, 3, REGULAR, null, ShopApi.uniqueEmail()));
        assertThat(plain.path("lines").path(0).path("status").asString()).isEqualTo("ALLOCATED");
        assertProblem(api.order(shop.web(), sku, 1, REGULAR, null, ShopApi.uniqueEmail()), 409, "insufficient-stock");

        JsonNode after = api.deal(code);
        assertThat(after.path("sold").intValue()).isEqualTo(2);
        assertThat(after.path("held").intValue()).isZero();
        assertThat(after.path("remaining").intValue()).isEqualTo(3);
        assertThat(after.path("sellThrough").doubleValue()).isEqualTo(0.4);
        assertThat(api.ats(sku, shop.web())).isZero();
        // more than the deal has left: refused at the deal price, never backordered
        assertProblem(api.order(shop.web(), sku, 4, 1500, code, ShopApi.uniqueEmail()), 409, "deal-sold-out");
    }

    @Test
    void aCartHoldsDealUnitsUntilItGivesThemBackAndSoldOutPointsToTheWaitlist() {
        String sku = api.product("HOLD");
        api.sellable(sku, shop.warehouse(), 4);
        String code = liveDeal(sku, 1000, 2, b -> { }).path("code").asString();

        JsonNode hold = api.ok(api.hold(code, shop.web(), 2, ShopApi.uniqueEmail(), null));
        assertThat(hold.path("expiresAt").isNull()).isFalse();
        assertThat(api.deal(code).path("held").intValue()).isEqualTo(2);
        ShopApi.Response soldOut = api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), null);
        assertProblem(soldOut, 409, "deal-sold-out");
        assertThat(soldOut.json().path("remaining").intValue()).isZero();
        assertThat(soldOut.json().path("waitlist").asString()).isEqualTo("/api/waitlists/" + code + "/entries");

        api.ok(api.post("/api/reservations/" + hold.path("id").asString() + "/release"));
        assertThat(api.deal(code).path("remaining").intValue()).as("back in the deal, not regular stock").isEqualTo(2);
        assertThat(api.ats(sku, shop.web())).isEqualTo(2);
    }

    @Test
    void aMembersOnlyDealRefusesANonMember() {
        String sku = api.product("MEMBER");
        api.sellable(sku, shop.warehouse(), 3);
        String code = liveDeal(sku, 900, 2, b -> b.put("memberSegment", "PRIME")).path("code").asString();

        assertProblem(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), null), 409, "deal-members-only");
        assertProblem(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), "GOLD"), 409, "deal-members-only");
        assertThat(api.deal(code).path("remaining").intValue()).isEqualTo(2);
        api.ok(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), "PRIME"));
        assertThat(api.deal(code).path("remaining").intValue()).isEqualTo(1);
    }

    @Test
    void aPausedDealSellsNothingAndKeepsItsUnitsSetAside() {
        String sku = api.product("PAUSE");
        api.sellable(sku, shop.warehouse(), 5);
        String code = liveDeal(sku, 1200, 3, b -> { }).path("code").asString();

        assertThat(api.ok(api.post("/api/deals/" + code + "/pause")).path("status").asString()).isEqualTo("PAUSED");
        assertProblem(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), null), 409, "deal-not-live");
        assertProblem(api.order(shop.web(), sku, 1, 1200, code, ShopApi.uniqueEmail()), 409, "deal-not-live");
        assertThat(api.deal(code).path("remaining").intValue()).isEqualTo(3);
        assertThat(api.ats(sku, shop.web())).as("still set aside").isEqualTo(2);

        assertThat(api.ok(api.post("/api/deals/" + code + "/resume")).path("status").asString()).isEqualTo("LIVE");
        api.ok(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), null));
    }

    @Test
    void aPlanThatBreaksARuleIsRefusedNamingTheField() {
        String sku = api.product("RULES");
        Instant start = clock.instant().plus(Duration.ofHours(1));
        Instant end = start.plus(Duration.ofHours(2));

        ObjectNode marketplace = DealApi.plan(ShopApi.unique("BAD"), sku, shop.marketplace(), 1000, 2, start, end);
        ShopApi.Response r = api.post("/api/deals", marketplace);
        assertProblem(r, 400, "invalid-request");
        assertThat(field(r)).isEqualTo("channels");

        r = api.post("/api/deals", DealApi.plan(ShopApi.unique("BAD"), sku, shop.web(), 1000, 2, end, start));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("endsAt");

        r = api.post("/api/deals", DealApi.plan(ShopApi.unique("BAD"), sku, shop.web(), 1000, 0, start, end));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("quantity");

        r = api.post("/api/deals", DealApi.plan(ShopApi.unique("BAD"), sku, shop.web(), REGULAR + 1, 2, start, end));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("price");

        r = api.post("/api/deals", DealApi.plan(ShopApi.unique("BAD"), "NO-SUCH-SKU", shop.web(), 1000, 2, start, end));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("sku");

        r = api.post("/api/deals", DealApi.plan(ShopApi.unique("BAD"), sku, "NO-SUCH-CHANNEL", 1000, 2, start, end));
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("channels");

        assertThat(api.ok(api.get("/api/deals?sku=" + sku)).size()).as("nothing planned").isZero();

        // a planned deal may be changed or cancelled, a started one not
        String code = ShopApi.unique("PLAN");
        api.ok(api.post("/api/deals", DealApi.plan(code, sku, shop.web(), 1000, 2, start, end)));
        JsonNode changed = api.ok(api.put("/api/deals/" + code, DealApi.plan(code, sku, shop.web(), 800, 3, start, end)));
        assertThat(changed.path("price").longValue()).isEqualTo(800);
        assertThat(changed.path("remaining").intValue()).isEqualTo(3);
        assertThat(api.ok(api.post("/api/deals/" + code + "/cancel")).path("status").asString()).isEqualTo("CANCELLED");
        assertProblem(api.put("/api/deals/" + code, DealApi.plan(code, sku, shop.web(), 800, 3, start, end)), 409,
                "deal-not-planned");
    }
}
