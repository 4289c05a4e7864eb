package dev.zaiko.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A deal starts and ends by durable jobs on the application's clock: at its start its quantity
 * is set aside, at its end (or ended early) unsold units are regular stock again and the channels
 * are told; however often the timers and the catch-up job run, a deal starts and ends once.
 */
class DealWindowJobsTest extends DealApiTestBase {

    @Autowired
    StartingDeals starting;

    @Autowired
    EndingDeals ending;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReservingStock reserving;

    /** The SKU's available-to-sell in the channel's feed (what channel sync tells the channel), or -1. */
    int feedAts(String channel, String sku) {
        for (JsonNode e : api.ok(api.get("/api/channels/" + channel + "/feed?after=0&limit=1000")).path("entries")) {
            if (e.path("sku").asString().equals(sku)) return e.path("ats").intValue();
        }
        return -1;
    }

    void awaitFeed(String sku, int ats) {
        await("feed of " + sku + " at " + ats).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> feedAts(shop.web(), sku) == ats);
    }

    @Test
    void atItsEndUnsoldDealUnitsAreRegularStockAgainAndTheChannelsAreTold() {
        String sku = api.product("END");
        api.sellable(sku, shop.warehouse(), 8);
        String code = ShopApi.unique("SALE");
        Instant start = clock.instant().plus(Duration.ofHours(1));
        api.ok(api.post("/api/deals", DealApi.plan(code, sku, shop.web(), 1500, 5, start, start.plus(Duration.ofHours(1)))));
        assertThat(api.deal(code).path("status").asString()).isEqualTo("PLANNED");
        assertThat(api.ats(sku, shop.web())).as("nothing set aside before the start").isEqualTo(8);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        awaitStatus(code, "LIVE");
        assertThat(api.ats(sku, shop.web())).isEqualTo(3);
        awaitFeed(sku, 3);
        api.ok(api.order(shop.web(), sku, 2, 1500, code, ShopApi.uniqueEmail()));

        clock.advance(Duration.ofHours(1));
        JsonNode ended = awaitStatus(code, "ENDED");
        assertThat(ended.path("endedEarly").booleanValue()).isFalse();
        assertThat(ended.path("sold").intValue()).isEqualTo(2);
        assertThat(ended.path("remaining").intValue()).isZero();
        assertThat(api.ats(sku, shop.web())).as("the 3 unsold deal units are regular stock again").isEqualTo(6);
        awaitFeed(sku, 6);
        assertThat(api.ok(api.get("/api/deals/offers?sku=" + sku + "&channel=" + shop.web())).path("deals").size())
                .isZero();
        DealApi.assertProblem(api.order(shop.web(), sku, 1, 1500, code, ShopApi.uniqueEmail()), 409, "deal-not-live");
    }

    @Test
    void endingEarlyMakesUnsoldUnitsRegularStockAndUnitsHeldInCartsFollowWhenTheyComeBack() {
        String sku = api.product("EARLY");
        api.sellable(sku, shop.warehouse(), 8);
        String code = liveDeal(sku, 1500, 5, b -> { }).path("code").asString();
        String cart = api.ok(api.hold(code, shop.web(), 1, ShopApi.uniqueEmail(), null)).path("id").asString();
        assertThat(api.ats(sku, shop.web())).isEqualTo(3);

        JsonNode ended = api.ok(api.post("/api/deals/" + code + "/end"));
        assertThat(ended.path("status").asString()).isEqualTo("ENDED");
        assertThat(ended.path("endedEarly").booleanValue()).isTrue();
        assertThat(api.ats(sku, shop.web())).as("4 unsold units back; the cart keeps its one").isEqualTo(7);
        awaitFeed(sku, 7);
        assertThat(api.ok(api.post("/api/deals/" + code + "/end")).path("status").asString()).as("ending twice")
                .isEqualTo("ENDED");

        api.ok(api.post("/api/reservations/" + cart + "/release"));
        assertThat(api.ats(sku, shop.web())).as("after the end, a unit that comes back is regular stock").isEqualTo(8);
        awaitFeed(sku, 8);
    }

    @Test
    void aDealStartsAndEndsOnceHoweverOftenItsJobsRunAtOnce() throws Exception {
        String sku = api.product("ONCE");
        api.sellable(sku, shop.warehouse(), 10);
        String code = ShopApi.unique("SALE");
        Instant start = clock.instant().plus(Duration.ofHours(1));
        api.ok(api.post("/api/deals", DealApi.plan(code, sku, shop.web(), 1500, 3, start, start.plus(Duration.ofHours(1)))));

        clock.advance(Duration.ofHours(1));
        // the timer (due now), eight callers and the catch-up job race to start it
        List<Boolean> started = AllAtOnce.run(8, () -> starting.startIfDue(code));
        Jobs.runRecurring(jobs, clock, DealJobs.WINDOWS);
        awaitStatus(code, "LIVE");
        assertThat(started.stream().filter(b -> b).count()).isLessThanOrEqualTo(1);
        assertThat(api.ats(sku, shop.web())).as("3 set aside once, not twice").isEqualTo(7);
        assertThat(api.deal(code).path("remaining").intValue()).isEqualTo(3);

        clock.advance(Duration.ofHours(1));
        List<Boolean> ended = AllAtOnce.run(8, () -> ending.endIfDue(code));
        Jobs.runRecurring(jobs, clock, DealJobs.WINDOWS);
        awaitStatus(code, "ENDED");
        assertThat(ended.stream().filter(b -> b).count()).isLessThanOrEqualTo(1);
        assertThat(api.ats(sku, shop.web())).isEqualTo(10);
    }

    @Test
    void aDealWhoseTimersWereLostIsStartedAndEndedByTheCatchUpJob() {
        String sku = api.product("CATCH");
        api.sellable(sku, shop.warehouse(), 6);
        String code = ShopApi.unique("SALE");
        Instant start = clock.instant().plus(Duration.ofHours(1));
        api.ok(api.post("/api/deals", DealApi.plan(code, sku, shop.web(), 1500, 4, start, start.plus(Duration.ofHours(1)))));
        // as if Zaiko had been down at the moment and the timers were gone: only the catch-up job is left
        int removed = jdbc.update("delete from scheduled_tasks where task_name in ('deal-start', 'deal-end') "
                + "and task_instance like ?", code + "@%");
        assertThat(removed).isEqualTo(2);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(api.deal(code).path("status").asString()).isEqualTo("PLANNED");
        Jobs.runRecurring(jobs, clock, DealJobs.WINDOWS);
        assertThat(api.deal(code).path("status").asString()).isEqualTo("LIVE");
        assertThat(api.ats(sku, shop.web())).isEqualTo(2);

        clock.advance(Duration.ofHours(1));
        Jobs.runRecurring(jobs, clock, DealJobs.WINDOWS);
        assertThat(api.deal(code).path("status").asString()).isEqualTo("ENDED");
        assertThat(api.ats(sku, shop.web())).isEqualTo(6);
    }

    @Test
    void aStartThatDiedAfterSettingUnitsAsideFindsThemAgainAndACancelledDealGivesThemBack() {
        String sku = api.product("CRASH");
        api.sellable(sku, shop.warehouse(), 10);
        String code = ShopApi.unique("SALE");
        Instant start = clock.instant().plus(Duration.ofHours(1));
        api.ok(api.post("/api/deals", DealApi.plan(code, sku, shop.web(), 1500, 4, start, start.plus(Duration.ofHours(1)))));
        // what a start that died before recording the deal LIVE left behind
        reserving.setAside(new ReserveRequest(shop.web(), sku, 4, "deal " + code, null), StartingDeals.setAsideOf(code));
        assertThat(api.ats(sku, shop.web())).isEqualTo(6);

        clock.advance(Duration.ofHours(1));
        assertThat(starting.startIfDue(code)).isTrue();

        JsonNode live = api.deal(code);
        assertThat(live.path("status").asString()).isEqualTo("LIVE");
        assertThat(live.path("remaining").intValue()).isEqualTo(4);
        assertThat(api.ats(sku, shop.web())).as("set aside once, not twice").isEqualTo(6);

        String other = ShopApi.unique("SALE");
        Instant later = clock.instant().plus(Duration.ofHours(1));
        api.ok(api.post("/api/deals", DealApi.plan(other, sku, shop.web(), 1500, 2, later, later.plus(Duration.ofHours(1)))));
        reserving.setAside(new ReserveRequest(shop.web(), sku, 2, "deal " + other, null), StartingDeals.setAsideOf(other));
        assertThat(api.ats(sku, shop.web())).isEqualTo(4);

        api.ok(api.post("/api/deals/" + other + "/cancel"));

        assertThat(api.ats(sku, shop.web())).as("the cancelled deal's orphaned units are regular stock again").isEqualTo(6);
    }
}
