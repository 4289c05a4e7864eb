package dev.zaiko.deal;

import java.time.Duration;
import java.time.Instant;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The one Spring configuration every deal test shares, with a client and a shop of its own per test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class DealApiTestBase {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate settling;

    DealApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new DealApi(port);
        shop = api.shop();
    }

    @AfterEach
    void realTimeAndNothingLeftRunning() {
        clock.reset();
        dev.zaiko.support.NothingLeftRunning.settle(api, settling);
    }

    /** A deal on the web shop that started a moment ago and runs for a day, LIVE once its timer ran. */
    JsonNode liveDeal(String sku, long price, int quantity, java.util.function.Consumer<tools.jackson.databind.node.ObjectNode> more) {
        String code = ShopApi.unique("SALE");
        Instant now = clock.instant();
        var body = DealApi.plan(code, sku, shop.web(), price, quantity, now.minusSeconds(1), now.plus(Duration.ofDays(1)));
        more.accept(body);
        api.ok(api.post("/api/deals", body));
        return awaitStatus(code, "LIVE");
    }

    /** Waits, with a bound, until the deal's timer has moved it to {@code status}. */
    JsonNode awaitStatus(String code, String status) {
        return api.awaitStatus(code, status, jobs::checkForDueExecutions);
    }
}
