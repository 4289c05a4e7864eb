package dev.zaiko.order;

import static dev.zaiko.order.OrderApi.JSON;
import static dev.zaiko.order.OrderApi.digits;
import static dev.zaiko.order.OrderApi.order;
import static dev.zaiko.order.OrderApi.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Events;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Backorders waiting more than {@code zaiko.orders.backorder-aged-after} (30 days) get a case of
 * their own, once, and keep their place in the queue. Time moves on the test clock; the job runs
 * through the application's scheduler.
 */
class AgedBackorderApiTest extends OrderApiTestBase {

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    AnnouncingAgedBackorders announcing;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    long inbound(String sku, int units, LocalDate expectedOn) {
        return api.ok(api.post("/api/inbounds", JSON.createObjectNode().put("sku", sku).put("location", shop.warehouse())
                .put("quantity", units).put("expectedOn", expectedOn.toString()))).path("id").longValue();
    }

    String backorder(String sku) {
        JsonNode placed = api.ok(api.post("/api/orders", order(shop.web(), sku, 1)));
        assertThat(placed.path("lines").get(0).path("status").asString()).isEqualTo("BACKORDERED");
        return placed.path("orderNumber").asString();
    }

    JsonNode line(String number) {
        return api.ok(api.get("/api/orders/" + number)).path("lines").get(0);
    }

    void runTheJob() {
        Jobs.runRecurring(jobs, clock, AnnouncingAgedBackorders.TASK);
    }

    /** The BACKORDER_AGED cases of one order, read through the API's list. */
    List<JsonNode> agedCases(String number) {
        List<JsonNode> found = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode p = api.ok(api.get("/api/stockouts?reason=BACKORDER_AGED&size=200&page=" + page));
            for (JsonNode c : p.path("items")) if (c.path("orderNumber").asString().equals(number)) found.add(c);
            if ((long) (page + 1) * 200 >= p.path("total").longValue()) return found;
        }
    }

    List<BackorderAged> announced(String number) {
        return probe.aged().stream().filter(e -> e.orderNumber().equals(number)).toList();
    }

    @Test
    void aLineBackorderedForMoreThanThirtyDaysGetsOneCaseAndKeepsItsPlaceInTheQueue() {
        String sku = api.product("AGED", true);
        LocalDate expected = today().plusDays(40);
        long po = inbound(sku, 1, expected);
        String waiting = backorder(sku);
        JsonNode placed = api.ok(api.get("/api/orders/" + waiting));
        Instant since = null;
        for (JsonNode h : placed.path("history")) {
            if (h.path("lineNo").isNumber() && h.path("lineNo").intValue() == 1
                    && h.path("to").asString().equals("BACKORDERED")) {
                since = Instant.parse(h.path("at").asString());
            }
        }
        assertThat(since).as("when the line became BACKORDERED").isNotNull();
        Instant becameBackordered = since;
        int historyBefore = placed.path("history").size();

        clock.advance(Duration.ofDays(31));
        runTheJob();

        List<JsonNode> cases = agedCases(waiting);
        assertThat(cases).hasSize(1);
        JsonNode c = api.ok(api.get("/api/stockouts/" + cases.get(0).path("id").asString()));
        assertThat(c.path("reason").asString()).isEqualTo("BACKORDER_AGED");
        assertThat(c.path("status").asString()).isEqualTo("OPEN");
        assertThat(c.path("lineNo").intValue()).isEqualTo(1);
        assertThat(c.path("sku").asString()).isEqualTo(sku);
        assertThat(c.path("quantityShort").intValue()).isEqualTo(1);
        assertThat(c.path("reasonText").asString()).contains("当店").contains("お待たせ").doesNotContain("システム");
        assertThat(api.ok(api.get("/api/stockouts/" + c.path("id").asString(), "en")).path("reasonText").asString())
                .contains("waiting a long time").contains("our responsibility");
        JsonNode facts = c.path("facts");
        assertThat(facts.path("orderNumber").asString()).isEqualTo(waiting);
        assertThat(facts.path("inboundExpected").booleanValue()).isTrue();
        assertThat(facts.path("nextInbound").path("expectedOn").asString()).isEqualTo(expected.toString());
        assertThat(facts.path("nextInboundText").asString()).contains("次回入荷予定");
        assertThat(announced(waiting)).singleElement().satisfies(e -> {
            assertThat(e.lineNo()).isEqualTo(1);
            assertThat(e.sku()).isEqualTo(sku);
            assertThat(e.quantity()).isEqualTo(1);
            assertThat(e.backorderedSince()).isEqualTo(becameBackordered);
            assertThat(e.promisedDate()).isEqualTo(expected);
            assertThat(e.detectedAt()).isAfter(becameBackordered.plus(Duration.ofDays(31)));
        });
        // the line still waits, with its promise, and no status change was recorded
        JsonNode after = api.ok(api.get("/api/orders/" + waiting));
        assertThat(after.path("lines").get(0).path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(after.path("lines").get(0).path("promisedDate").asString()).isEqualTo(expected.toString());
        assertThat(after.path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(after.path("history").size()).isEqualTo(historyBefore);

        // the job again, later: nothing new
        clock.advance(Duration.ofHours(2));
        runTheJob();
        assertThat(agedCases(waiting)).hasSize(1);
        assertThat(announced(waiting)).hasSize(1);

        // a later order for the same item waits behind it: the aged line is still first in the queue, and the
        // one-unit delivery is promised to it, so the later one waits without a date and is not called short
        // when that delivery arrives (nothing was promised to it)
        String later = backorder(sku);
        assertThat(line(later).path("promisedDate").isNull()).as("the inbound's one unit is the aged line's").isTrue();
        api.ok(api.post("/api/inbounds/" + po + "/arrivals", JSON.createObjectNode().put("quantity", 1)));
        api.ok(api.post("/api/stock/inspections", JSON.createObjectNode().put("sku", sku)
                .put("location", shop.warehouse()).put("passed", 1).put("failed", 0)));
        Events.awaitHandled(jdbc, sku);
        assertThat(line(waiting).path("status").asString()).isEqualTo("ALLOCATED");
        assertThat(line(later).path("status").asString()).isEqualTo("BACKORDERED");
        api.assertConsistent();
    }

    @Test
    void aLinePromisedAnotherInboundOfTheSameDayKeepsItsAgeAndIsStillAnnouncedAfterThirtyDays() {
        String sku = api.product("AGEDMOVED", true);
        LocalDate day = today().plusDays(45);
        long first = inbound(sku, 1, day);
        long other = inbound(sku, 1, day);
        String waiting = backorder(sku);
        assertThat(line(waiting).path("promisedInboundId").longValue()).isEqualTo(first);

        clock.advance(Duration.ofDays(20));
        api.ok(api.post("/api/inbounds/" + first + "/cancel", ""));
        assertThat(line(waiting).path("status").asString()).isEqualTo("BACKORDERED");
        assertThat(line(waiting).path("promisedInboundId").longValue()).as("the other inbound of that day")
                .isEqualTo(other);

        clock.advance(Duration.ofDays(11));
        runTheJob();
        assertThat(agedCases(waiting)).as("31 days since it was backordered, 11 since its new promise").hasSize(1);
    }

    @Test
    void aLineBackorderedForTwentyNineDaysGetsNothingYet() {
        String sku = api.product("YOUNG", true);
        inbound(sku, 1, today().plusDays(40));
        String waiting = backorder(sku);

        clock.advance(Duration.ofDays(29));
        runTheJob();

        assertThat(agedCases(waiting)).isEmpty();
        assertThat(announced(waiting)).isEmpty();
        assertThat(line(waiting).path("status").asString()).isEqualTo("BACKORDERED");

        // two days on, past the limit, the same job finds it
        clock.advance(Duration.ofDays(2));
        runTheJob();
        assertThat(agedCases(waiting)).hasSize(1);
        assertThat(announced(waiting)).hasSize(1);
    }

    @Test
    void twoRunsAtOnceAnnounceEveryAgedLineOnce() throws Exception {
        String sku = api.product("RACE", true);
        inbound(sku, 10, today().plusDays(40));
        List<String> waiting = List.of(backorder(sku), backorder(sku), backorder(sku));
        clock.advance(Duration.ofDays(31));
        int before = probe.aged().size();

        ExecutorService two = Executors.newFixedThreadPool(2);
        try (Connection holder = jdbc.getDataSource().getConnection(); Statement hold = holder.createStatement()) {
            // the first of these lines is held, so that both runs queue on it and then race for every line
            holder.setAutoCommit(false);
            hold.execute("select 1 from orders_line where order_number = '" + digits(waiting.get(0))
                    + "' and line_no = 1 for update");
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return announcing.announce();
                }));
            }
            await("both runs waiting for the held line").atMost(Events.BOUND).pollInterval(Duration.ofMillis(10))
                    .until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = "
                            + "'Lock' and query like 'update orders_line set backorder_aged_at%'", Integer.class) >= 2);
            holder.rollback();
            int announcedByBoth = runs.get(0).get(1, TimeUnit.MINUTES) + runs.get(1).get(1, TimeUnit.MINUTES);

            // lines of earlier tests may be old enough too; what matters is that no line was announced twice
            List<BackorderAged> during = probe.aged().subList(before, probe.aged().size());
            assertThat(during).hasSize(announcedByBoth);
            Set<String> lines = during.stream().map(e -> e.orderNumber() + "#" + e.lineNo()).collect(Collectors.toSet());
            assertThat(lines).hasSize(during.size());
            for (String number : waiting) {
                assertThat(announced(number)).as(number).hasSize(1);
                assertThat(agedCases(number)).as(number).hasSize(1);
                assertThat(line(number).path("status").asString()).isEqualTo("BACKORDERED");
            }
        } finally {
            two.shutdownNow();
        }
    }
}
