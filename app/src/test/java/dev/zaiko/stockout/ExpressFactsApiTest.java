package dev.zaiko.stockout;

import static dev.zaiko.stockout.StockoutApi.order;
import static dev.zaiko.stockout.StockoutApi.today;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The delivery date promised for an express order is among the facts staff see before the call. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExpressFactsApiTest {

    @LocalServerPort
    int port;

    StockoutApi api;
    StockoutApi.Shop shop;
    String plenty;
    String gone;

    @BeforeEach
    void setUp() {
        api = new StockoutApi(port);
        shop = api.shop();
        plenty = api.product("HAVE");
        gone = api.product("GONE");
        api.sellable(plenty, shop.store(), 5);
    }

    /** The one case of a marketplace order whose line 2 cannot be reserved. */
    private JsonNode caseOf(JsonNode placed) {
        assertThat(placed.path("lines").get(1).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        String number = placed.path("orderNumber").asString();
        JsonNode found = api.casesOf(number, "ALLOCATION_FAILED");
        assertThat(found.size()).as("cases of " + number).isEqualTo(1);
        return api.ok(api.get("/api/stockouts/" + found.get(0).path("id").asString()));
    }

    @Test
    void anExpressOrdersPromisedDateIsInTheCaseFacts() {
        LocalDate promised = today().plusDays(1);

        JsonNode c = caseOf(api.ok(api.post("/api/orders", order(shop.marketplace(), plenty, 1, gone, 1)
                .put("express", true).put("promisedDate", promised.toString()))));

        JsonNode customer = c.path("facts").path("customer");
        assertThat(customer.path("express").booleanValue()).isTrue();
        assertThat(customer.path("promisedDate").asString()).isEqualTo(promised.toString());
        assertThat(c.path("priority").intValue()).isEqualTo(1);
    }

    @Test
    void withoutAPromisedDateTheFactSaysSo() {
        JsonNode undated = caseOf(api.ok(api.post("/api/orders", order(shop.marketplace(), plenty, 1, gone, 1)
                .put("express", true))));
        JsonNode plain = caseOf(api.ok(api.post("/api/orders", order(shop.marketplace(), plenty, 1, gone, 1))));

        assertThat(undated.path("facts").path("customer").has("promisedDate")).isTrue();
        assertThat(undated.path("facts").path("customer").path("promisedDate").isNull()).isTrue();
        assertThat(plain.path("facts").path("customer").path("express").booleanValue()).isFalse();
        assertThat(plain.path("facts").path("customer").path("promisedDate").isNull()).isTrue();
    }
}
