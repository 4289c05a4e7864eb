package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.zaiko.inventory.ReservationEngine;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The reservation engine's change mark is in the batch's own transaction: a batch whose in-memory
 * hand-over never happens (its process died right after the commit) still reaches every channel's
 * feed, from the inventory's stock change journal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EngineChangeMarkApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReservationBatchWhoseHandOverIsLostStillReachesTheMarketplaceFeed() {
        ChannelApi api = new ChannelApi(port);
        ShopApi.Shop shop = api.shop();
        String sku = api.product("MARK");
        api.sellable(sku, shop.store(), 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> ats(api, shop.marketplace(), sku) == 5);
        long cursor = jdbc.queryForObject("select position from channel_stock_change_cursor", Long.class);

        // an engine of its own with no listener: the batch commits, nobody is told in memory
        ReservationOutcome outcome;
        try (ReservationEngine lonely = new ReservationEngine(dataSource, clock, 64, 1, null)) {
            outcome = lonely.reserve(new ReserveRequest(shop.marketplace(), sku, 2, "MARK-BUYER", null)).join();
        }
        assertThat(outcome.reserved()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> ats(api, shop.marketplace(), sku) == 3);
        assertThat(ats(api, shop.web(), sku)).as("the web shop sells from the same shelf").isEqualTo(3);
        assertThat(jdbc.queryForObject("select position from channel_stock_change_cursor", Long.class))
                .as("the feed writer moved its cursor past the batch").isGreaterThan(cursor);
    }

    /** The SKU's ATS in the channel's feed, or -1 without an entry. */
    static int ats(ShopApi api, String channel, String sku) {
        JsonNode feed = api.ok(api.get("/api/channels/" + channel + "/feed?after=0&limit=1000"));
        for (JsonNode e : feed.path("entries")) {
            if (e.path("sku").asString().equals(sku)) return e.path("ats").intValue();
        }
        return -1;
    }
}
