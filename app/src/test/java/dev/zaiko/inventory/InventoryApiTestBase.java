package dev.zaiko.inventory;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring configuration every inventory API test shares, so the whole suite starts one
 * application (and one embedded PostgreSQL). Tests use unique codes, never an empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class InventoryApiTestBase {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    InventoryApi api;

    @BeforeEach
    void client() {
        api = new InventoryApi(port, jdbc);
    }
}
