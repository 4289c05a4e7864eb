package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.digits;
import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An express order's promised delivery date: stored and shown, and refused where it promises nothing or too late. */
class ExpressPromiseApiTest extends OrderApiTestBase {

    @Autowired
    MovableClock clock;

    String sku;

    @BeforeEach
    void stock() {
        sku = api.product("EXP", false);
        api.sellable(sku, shop.warehouse(), 5);
        api.sellable(sku, shop.store(), 5);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private ObjectNode express(String channel, LocalDate promised) {
        ObjectNode body = order(channel, sku, 1).put("express", true);
        if (promised != null) body.put("promisedDate", promised.toString());
        return body;
    }

    private String storedPromise(String orderNumber) {
        return jdbc.queryForObject("select promised_date::text from orders_order where order_number = ?", String.class,
                digits(orderNumber));
    }

    @Test
    void anOwnExpressOrderKeepsItsPromisedDateInTheTableAndInEveryAnswer() {
        LocalDate promised = today().plusDays(1);

        OrderApi.Response created = api.post("/api/orders", express(shop.web(), promised));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().path("orderNumber").asString();
        assertThat(created.json().path("express").booleanValue()).isTrue();
        assertThat(created.json().path("promisedDate").asString()).isEqualTo(promised.toString());
        assertThat(storedPromise(number)).isEqualTo(promised.toString());
        assertThat(api.ok(api.get("/api/orders/" + number)).path("promisedDate").asString())
                .isEqualTo(promised.toString());
    }

    @Test
    void theDayOfOrderingItselfCanBePromised() {
        OrderApi.Response created = api.post("/api/orders", express(shop.web(), today()));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("promisedDate").asString()).isEqualTo(today().toString());
    }

    @Test
    void aMarketplaceMaySendExpressWithOrWithoutADate() {
        LocalDate promised = today().plusDays(2);

        JsonNode dated = api.ok(api.post("/api/orders", express(shop.marketplace(), promised)));
        JsonNode undated = api.ok(api.post("/api/orders", express(shop.marketplace(), null)));

        assertThat(dated.path("promisedDate").asString()).isEqualTo(promised.toString());
        assertThat(storedPromise(dated.path("orderNumber").asString())).isEqualTo(promised.toString());
        assertThat(undated.path("express").booleanValue()).isTrue();
        assertThat(undated.path("promisedDate").isNull()).isTrue();
        assertThat(storedPromise(undated.path("orderNumber").asString())).isNull();
    }

    @Test
    void anOrderThatIsNotExpressHasNoPromisedDate() {
        JsonNode plain = api.ok(api.post("/api/orders", order(shop.web(), sku, 1)));

        assertThat(plain.path("express").booleanValue()).isFalse();
        assertThat(plain.path("promisedDate").isNull()).isTrue();
    }

    @Test
    void anOwnExpressOrderWithoutADateIsRefused() {
        OrderApi.Response r = api.rejected(400, "invalid-request", List.of(sku),
                () -> api.post("/api/orders", express(shop.web(), null)));

        assertThat(r.detail()).contains("promisedDate is required").contains(shop.web());
    }

    @Test
    void aDateWithoutExpressIsRefusedOnEveryChannel() {
        for (String channel : List.of(shop.web(), shop.marketplace())) {
            ObjectNode notExpress = order(channel, sku, 1).put("promisedDate", today().plusDays(1).toString());
            ObjectNode expressLeftOut = order(channel, sku, 1).put("promisedDate", today().plusDays(1).toString());
            expressLeftOut.remove("express");

            for (ObjectNode body : List.of(notExpress, expressLeftOut)) {
                OrderApi.Response r = api.rejected(400, "invalid-request", List.of(sku),
                        () -> api.post("/api/orders", body));
                assertThat(r.detail()).as(body.toString()).contains("promisedDate").contains("express is not true");
            }
        }
    }

    @Test
    void aDateBeforeTheDayOfOrderingIsRefusedOnEveryChannel() {
        for (String channel : List.of(shop.web(), shop.marketplace())) {
            OrderApi.Response r = api.rejected(400, "invalid-request", List.of(sku),
                    () -> api.post("/api/orders", express(channel, today().minusDays(1))));
            assertThat(r.detail()).contains("promisedDate " + today().minusDays(1)).contains("before the day");
        }
    }

    @Test
    void theDayOfOrderingIsTheShopsClocksDay() {
        // three days on: what was tomorrow by the wall clock is now in the past for the shop
        clock.advance(Duration.ofDays(3));

        OrderApi.Response r = api.rejected(400, "invalid-request", List.of(sku),
                () -> api.post("/api/orders", express(shop.web(), today().plusDays(1))));

        assertThat(r.detail()).contains("(" + today().plusDays(3) + ")");
        assertThat(api.post("/api/orders", express(shop.web(), today().plusDays(3))).status()).isEqualTo(201);
    }

    @Test
    void aRetryOnALaterDayFindsTheOrderWhosePromiseWasValidWhenPlaced() {
        ObjectNode body = express(shop.web(), today()).put("externalRef", OrderApi.unique("CART"));
        JsonNode placed = api.ok(api.post("/api/orders", body));
        clock.advance(Duration.ofDays(2));

        OrderApi.Response retried = api.post("/api/orders", body);

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("orderNumber").asString()).isEqualTo(placed.path("orderNumber").asString());
        assertThat(retried.json().path("promisedDate").asString()).isEqualTo(today().toString());
    }

    @Test
    void aPromisedDateMustBeADate() {
        OrderApi.Response r = api.rejected(400, null, List.of(sku),
                () -> api.post("/api/orders", express(shop.web(), null).put("promisedDate", "tomorrow")));

        assertThat(r.detail()).isNotBlank();
    }
}
