package dev.zaiko.order;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring configuration every order API test shares (the same as every other module's,
 * so the suite starts one application), with a client and a shop of its own per test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class OrderApiTestBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderEventProbe probe;

    OrderApi api;
    OrderApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new OrderApi(port, jdbc);
        shop = api.shop();
    }
}
