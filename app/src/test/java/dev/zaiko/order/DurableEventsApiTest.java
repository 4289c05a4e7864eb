package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.digits;
import static dev.zaiko.order.OrderApi.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.zaiko.platform.EventsProperties;
import dev.zaiko.platform.ForgettingCompletedEventPublications;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.platform.RetryingEventPublications;
import dev.zaiko.support.Events;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Module events are durable: a listener that fails leaves its event in the registry, the retry
 * job hands it over again until it completes, and completed ones are deleted after their retention.
 */
class DurableEventsApiTest extends OrderApiTestBase {

    static final String DISPLACED_LINES = "order.short-displaced-lines";

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    EventsProperties events;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Every history row of the order is refused, so the order module cannot record the line's change. */
    static void refuseHistoryOf(JdbcTemplate jdbc, String orderNumber) {
        jdbc.execute("create or replace function orders_test_refuse_history() returns trigger language plpgsql as "
                + "$$ begin raise exception 'the test refuses this history row'; end $$");
        jdbc.execute("create trigger orders_test_refuse_" + digits(orderNumber) + " before insert on "
                + "orders_status_history for each row when (new.order_number = '" + digits(orderNumber) + "') "
                + "execute function orders_test_refuse_history()");
    }

    static void acceptHistoryOf(JdbcTemplate jdbc, String orderNumber) {
        jdbc.execute("drop trigger if exists orders_test_refuse_" + digits(orderNumber) + " on orders_status_history");
    }

    static Map<String, Object> publication(JdbcTemplate jdbc, String listener, String mentioning) {
        return jdbc.queryForMap("select status, completion_date, completion_attempts from event_publication "
                + "where listener_id = ? and position(? in serialized_event) > 0", listener, mentioning);
    }

    static int casesOf(JdbcTemplate jdbc, String orderNumber, String reason) {
        return jdbc.queryForObject("select count(*) from stockout_case where order_number = ? and reason = ?",
                Integer.class, digits(orderNumber), reason);
    }

    /** A marketplace order holding the store's last unit, and a forced till sale taking it. */
    String displacedAfterTheSale(String sku) {
        api.sellable(sku, shop.store(), 1);
        JsonNode placed = api.ok(api.post("/api/orders", order(shop.marketplace(), sku, 1)));
        assertThat(placed.path("status").asString()).isEqualTo("ALLOCATED");
        return placed.path("orderNumber").asString();
    }

    void forcedTillSale(String sku) {
        api.ok(api.post("/api/stock/pos-sales", JSON.createObjectNode().put("sku", sku).put("location", shop.store())
                .put("quantity", 1).put("force", true)));
    }

    @Test
    void aListenerThatFailsKeepsItsEventAndTheRetryJobRunsItAgainUntilItCompletes() {
        String sku = api.product("RETRY", false);
        String number = displacedAfterTheSale(sku);
        Events.awaitHandled(jdbc, sku);
        refuseHistoryOf(jdbc, number);
        try {
            forcedTillSale(sku); // the sale stands, whatever happens to the order afterwards

            await("the displacement's listener failed").atMost(Events.BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> "FAILED".equals(publication(jdbc, DISPLACED_LINES, sku).get("status")));
            assertThat(api.ok(api.get("/api/orders/" + number)).path("lines").get(0).path("status").asString())
                    .isEqualTo("ALLOCATED");
            assertThat(casesOf(jdbc, number, "DISPLACED")).isZero();
            assertThat(api.level(sku, shop.store()).path("reserved").intValue()).isZero();
        } finally {
            acceptHistoryOf(jdbc, number);
        }

        clock.advance(events.retryAfter().plusMinutes(1));
        Jobs.runRecurring(jobs, clock, RetryingEventPublications.TASK);
        Events.awaitHandled(jdbc, sku);

        JsonNode o = api.ok(api.get("/api/orders/" + number));
        assertThat(o.path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(o.path("lines").get(0).path("status").asString()).isEqualTo("AWAITING_CUSTOMER");
        assertThat(casesOf(jdbc, number, "DISPLACED")).isEqualTo(1);
        assertThat(probe.about(number)).extracting(OrderLineShort::reason).containsExactly("DISPLACED");
        Map<String, Object> done = publication(jdbc, DISPLACED_LINES, sku);
        assertThat(done.get("status")).isEqualTo("COMPLETED");
        assertThat(done.get("completion_date")).isNotNull();
        assertThat((Integer) done.get("completion_attempts")).isGreaterThanOrEqualTo(2);
        api.assertConsistent();
    }

    @Test
    void aFailedEventYoungerThanTheRetryAgeIsLeftForLater() {
        String sku = api.product("NOTYET", false);
        String number = displacedAfterTheSale(sku);
        Events.awaitHandled(jdbc, sku);
        refuseHistoryOf(jdbc, number);
        try {
            forcedTillSale(sku);
            await("the displacement's listener failed").atMost(Events.BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> "FAILED".equals(publication(jdbc, DISPLACED_LINES, sku).get("status")));
        } finally {
            acceptHistoryOf(jdbc, number);
        }

        Jobs.runRecurring(jobs, clock, RetryingEventPublications.TASK); // too young: untouched
        assertThat(publication(jdbc, DISPLACED_LINES, sku).get("status")).isEqualTo("FAILED");
        assertThat(casesOf(jdbc, number, "DISPLACED")).isZero();

        clock.advance(events.retryAfter().plusMinutes(1));
        Jobs.runRecurring(jobs, clock, RetryingEventPublications.TASK);
        Events.awaitHandled(jdbc, sku);
        assertThat(casesOf(jdbc, number, "DISPLACED")).isEqualTo(1);
    }

    @Test
    void completedPublicationsAreDeletedOnceOlderThanTheirRetention() {
        String old = api.product("OLDEVT", false);
        api.sellable(old, shop.warehouse(), 1); // an inspection: its listener's publication completes
        Events.awaitHandled(jdbc, old);
        assertThat(count(old)).isPositive();

        clock.advance(events.keepCompleted().plusHours(1));
        String recent = api.product("NEWEVT", false);
        api.sellable(recent, shop.warehouse(), 1);
        Events.awaitHandled(jdbc, recent);
        Jobs.runRecurring(jobs, clock, ForgettingCompletedEventPublications.TASK);

        assertThat(count(old)).as("completed longer ago than the retention").isZero();
        assertThat(count(recent)).as("completed within the retention").isPositive();
    }

    int count(String mentioning) {
        return jdbc.queryForObject("select count(*) from event_publication where position(? in serialized_event) > 0",
                Integer.class, mentioning);
    }
}
