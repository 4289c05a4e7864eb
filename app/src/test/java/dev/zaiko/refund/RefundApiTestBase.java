package dev.zaiko.refund;

import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring configuration every refund API test shares (the same as every other module's,
 * so the suite starts one application), with a client and a shop of its own per test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class RefundApiTestBase {

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    RefundApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new RefundApi(port);
        shop = api.shop();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
