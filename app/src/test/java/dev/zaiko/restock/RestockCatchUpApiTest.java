package dev.zaiko.restock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.RawHttp;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The durable job: it tells what a lost look left owed, and expires confirmations nobody followed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RestockCatchUpApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FollowingStockForAlerts following;

    @Autowired
    JobScheduler jobs;

    @Autowired
    MovableClock clock;

    RestockApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void clientAndShop() {
        api = new RestockApi(port, jdbc);
        shop = api.shop();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
        dev.zaiko.support.NothingLeftRunning.settle(api, jdbc);
    }

    void settled() {
        await("restock alert looks done").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(following::idle);
    }

    @Test
    void theDurableJobTellsWhatALookLostInACrashLeftOwed() {
        String sku = api.product("RJ");
        for (int i = 0; i < 4; i++) api.subscribe(sku, shop.web(), ShopApi.uniqueEmail());
        List<String> queue = api.inStatus(sku, "WAITING");
        // the people were not waiting yet when the units came, and the look that their confirmation asked for was lost
        jdbc.update("update restock_subscription set status = 'PENDING' where sku = ?", sku);
        api.sellable(sku, shop.warehouse(), 2);
        settled();
        jdbc.update("update restock_subscription set status = 'WAITING' where sku = ?", sku);
        assertThat(api.inStatus(sku, "NOTIFIED")).isEmpty();

        Jobs.runRecurring(jobs, clock, RestockJobs.TASK);

        assertThat(api.inStatus(sku, "NOTIFIED")).containsExactlyElementsOf(queue.subList(0, 2));
        assertThat(api.inStatus(sku, "WAITING")).containsExactlyElementsOf(queue.subList(2, 4));
    }

    @Test
    void anUnconfirmedPublicSubscriptionExpiresAndItsConfirmLinkThenChangesNothingButAskingAgainStartsANewTurn() {
        String sku = api.product("RE");
        String email = ShopApi.uniqueEmail();
        String address = RawHttp.uniqueLoopback();
        assertThat(RawPost.json(port, address, "/public/restock-alerts",
                api.publicBody(sku, shop.web(), email, "ja").toString()).status()).isEqualTo(202);
        String id = jdbc.queryForObject("select id::text from restock_subscription where email = ?", String.class, email);
        String confirm = api.link(email, "RESTOCK_CONFIRM", "confirm");
        String later = api.subscribe(sku, shop.web(), ShopApi.uniqueEmail());

        clock.advance(Duration.ofHours(47));
        Jobs.runRecurring(jobs, clock, RestockJobs.TASK);
        assertThat(api.status(id)).as("inside zaiko.restock.confirm-within").isEqualTo("PENDING");

        clock.advance(Duration.ofHours(2));
        Jobs.runRecurring(jobs, clock, RestockJobs.TASK);
        assertThat(api.status(id)).isEqualTo("EXPIRED");
        ShopApi.Response page = api.page(confirm);
        assertThat(page.status()).isEqualTo(410);
        assertThat(api.status(id)).isEqualTo("EXPIRED");

        // asking again: a new confirmation, and a place after everyone who waited meanwhile
        assertThat(RawPost.json(port, address, "/public/restock-alerts",
                api.publicBody(sku, shop.web(), email, "ja").toString()).status()).isEqualTo(202);
        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(api.page(api.link(email, "RESTOCK_CONFIRM", "confirm")).status()).isEqualTo(200);
        assertThat(api.inStatus(sku, "WAITING")).containsExactly(later, id);
    }
}
