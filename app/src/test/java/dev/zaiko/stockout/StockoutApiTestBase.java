package dev.zaiko.stockout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The one Spring configuration every stockout API test shares (the same as every other module's,
 * so the suite starts one application), with a client and a shop of its own per test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class StockoutApiTestBase {

    @LocalServerPort
    int port;

    StockoutApi api;
    StockoutApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new StockoutApi(port);
        shop = api.shop();
    }

    /** The one case of the order with that reason, read in full (with its options). */
    JsonNode onlyCase(String orderNumber, String reason) {
        JsonNode found = api.casesOf(orderNumber, reason);
        assertThat(found.size()).as("cases of " + orderNumber).isEqualTo(1);
        return api.ok(api.get("/api/stockouts/" + found.get(0).path("id").asString()));
    }
}
