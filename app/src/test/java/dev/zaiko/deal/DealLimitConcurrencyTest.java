package dev.zaiko.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The per-customer limit holds when one customer sends many requests at once: the decision is
 * taken under a lock per deal and customer, so requests never pass it together.
 */
class DealLimitConcurrencyTest extends DealApiTestBase {

    @Test
    void twentyRequestsOfOneCustomerAtOnceHoldExactlyTheLimitAndAnotherCustomerStillBuys() throws Exception {
        String sku = api.product("LIMIT");
        api.sellable(sku, shop.warehouse(), 30);
        String code = liveDeal(sku, 1000, 10, b -> b.put("perCustomerLimit", 2)).path("code").asString();
        // the same customer, spelled in two ways: the limit is per address, compared case-insensitively
        String customer = ShopApi.uniqueEmail();

        List<ShopApi.Response> answers = AllAtOnce.run(20, () ->
                api.hold(code, shop.web(), 1, Math.random() < 0.5 ? customer : customer.toUpperCase(), null));

        assertThat(answers.stream().filter(r -> r.status() == 201).count()).as("holds granted").isEqualTo(2);
        assertThat(answers).allSatisfy(r -> {
            if (r.status() != 201) {
                assertThat(r.status()).as(r.body()).isEqualTo(409);
                assertThat(r.type()).endsWith("deal-limit-reached");
            }
        });
        JsonNode deal = api.deal(code);
        assertThat(deal.path("held").intValue()).isEqualTo(2);
        assertThat(deal.path("remaining").intValue()).isEqualTo(8);

        assertThat(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), null).status()).as("another customer").isEqualTo(201);
        assertThat(api.deal(code).path("remaining").intValue()).isEqualTo(7);

        // a hold given back stops counting: the customer may take one more, and no more
        String given = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().path("id")
                .asString();
        api.ok(api.post("/api/reservations/" + given + "/release"));
        assertThat(api.hold(code, shop.web(), 1, customer, null).status()).isEqualTo(201);
        DealApi.assertProblem(api.hold(code, shop.web(), 1, customer, null), 409, "deal-limit-reached");
        // an order counts like a hold
        DealApi.assertProblem(api.order(shop.web(), sku, 1, 1000, code, customer), 409, "deal-limit-reached");
        assertThat(api.deal(code).path("held").intValue()).isEqualTo(3);
    }
}
