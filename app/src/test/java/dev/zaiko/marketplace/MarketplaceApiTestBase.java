package dev.zaiko.marketplace;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The one Spring configuration every API test shares, with a client and a shop of its own per test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class MarketplaceApiTestBase {

    @LocalServerPort
    int port;

    MarketplaceApi api;
    MarketplaceApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new MarketplaceApi(port);
        shop = api.shop();
    }
}
