package dev.zaiko.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.zaiko.inventory.ReservationEngine;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.SellingAtTill;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every stock change leaves its mark for channel sync in its own transaction. The reservation
 * engine's batch, whose in-memory hand-over never happens when its process dies right after the
 * commit, still reaches every channel's feed from the inventory's stock change journal; the other
 * stock writers mark the SKU in the change's transaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DurableChangeMarkApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SellingAtTill till;

    @Autowired
    PlatformTransactionManager transactions;

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

    @Test
    void aTillSaleMarksItsSkuForChannelSyncInsideItsOwnTransactionAndARolledBackSaleLeavesNoMark() {
        ChannelApi api = new ChannelApi(port);
        ShopApi.Shop shop = api.shop();
        String sku = api.product("MARK-TILL");
        api.sellable(sku, shop.store(), 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> ats(api, shop.marketplace(), sku) == 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> marks(sku) == 0);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            till.sell(sku, shop.store(), 1, null, false, "TILL-MARK");
            assertThat(marks(sku)).as("marked before the sale commits, in its transaction").isEqualTo(1);
            status.setRollbackOnly();
        });

        assertThat(marks(sku)).as("the mark went with the sale").isZero();
        api.tillSale(shop.store(), sku, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ats(api, shop.marketplace(), sku) == 4);
    }

    int marks(String sku) {
        return jdbc.queryForObject("select count(*) from channel_dirty where sku = ?", Integer.class, sku);
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
