package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zaiko.catalog.PriceChanged;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A SKU's price and stock history through the API: each price change at its time, the stockout
 * frequency counted by calendar day in the shop's time zone across month ends, and the daily rows
 * recorded from real stock changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PriceAndStockHistoryApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InsightJournal journal;

    @Autowired
    FollowingStockForHistory following;

    @Autowired
    StockDays stockDays;

    @Autowired
    MovableClock clock;

    InsightApi api;
    ShopApi.Shop shop;

    @BeforeEach
    void shop() {
        api = new InsightApi(port);
        shop = api.shop();
    }

    @AfterEach
    void settle() {
        clock.reset();
        dev.zaiko.support.NothingLeftRunning.settle(api, jdbc);
    }

    @Test
    void priceHistoryShowsEachChangeAtItsTimeWithThePriceInForceWhenThePeriodBegins() {
        String sku = api.product("PH", 3);
        journal.record(new PriceChanged(sku, 29_800L, 27_800, "JPY", "user:sato", Instant.parse("2026-01-10T03:00:00Z")));
        // 00:30 on 1 February in Tokyo: a February change, although it is still January in UTC
        journal.record(new PriceChanged(sku, 27_800L, 25_800, "JPY", "user:sato", Instant.parse("2026-01-31T15:30:00Z")));
        journal.record(new PriceChanged(sku, 25_800L, 29_800, "JPY", "user:sato", Instant.parse("2026-03-01T01:00:00Z")));

        JsonNode january = api.ok(api.get("/api/insight/skus/" + sku + "/history?from=2026-01-20&to=2026-01-31"));
        assertThat(prices(january)).containsExactly("2026-01-10T03:00:00Z=27800");

        JsonNode february = api.ok(api.get("/api/insight/skus/" + sku + "/history?from=2026-02-01&to=2026-02-28"));
        assertThat(prices(february)).containsExactly("2026-01-10T03:00:00Z=27800", "2026-01-31T15:30:00Z=25800");

        JsonNode spring = api.ok(api.get("/api/insight/skus/" + sku + "/history?from=2026-01-01&to=2026-03-31"));
        assertThat(prices(spring)).endsWith("2026-01-10T03:00:00Z=27800", "2026-01-31T15:30:00Z=25800",
                "2026-03-01T01:00:00Z=29800");
    }

    @Test
    void theCatalogsRealPriceChangesAppearInTheHistoryAtTheTimesTheCatalogKept() {
        String sku = api.product("PR", 3);
        JsonNode body = api.ok(api.get("/api/products/" + sku));
        ((tools.jackson.databind.node.ObjectNode) body).put("price", 24_800);
        api.ok(api.put("/api/products/" + sku, body));
        dev.zaiko.support.Events.awaitHandled(jdbc, sku);

        List<String> kept = new ArrayList<>();
        api.ok(api.get("/api/products/" + sku + "/price-history")).path("points").forEach(p ->
                kept.add(Instant.parse(p.path("at").asString()) + "=" + p.path("price").longValue()));
        assertThat(kept).hasSize(2);
        JsonNode history = api.ok(api.get("/api/insight/skus/" + sku + "/history"));
        List<String> seen = new ArrayList<>();
        history.path("prices").forEach(p -> seen.add(Instant.parse(p.path("at").asString()) + "=" + p.path("price").longValue()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(seen.get(seen.size() - 1)).endsWith("=24800");
    }

    @Test
    void stockoutFrequencyCountsCalendarDaysAcrossTheMonthEnd() {
        String sku = api.product("SF", 3);
        // the web shop: out from 30 January to 2 February (one sell-out), back on 3 February
        day(sku, shop.web(), "2026-01-28", 5, 5, false, 0, false);
        day(sku, shop.web(), "2026-01-29", 2, 2, false, 0, true);
        day(sku, shop.web(), "2026-01-30", 0, 0, true, 1, true);
        day(sku, shop.web(), "2026-01-31", 0, 0, true, 0, false);
        day(sku, shop.web(), "2026-02-01", 0, 0, true, 0, false);
        day(sku, shop.web(), "2026-02-02", 0, 0, true, 0, false);
        day(sku, shop.web(), "2026-02-03", 0, 6, true, 0, false); // received in the morning
        day(sku, shop.web(), "2026-02-04", 6, 6, false, 0, false);
        // the marketplace saw the same sell-out on 30 January; its own shelf was refilled the next day
        day(sku, shop.marketplace(), "2026-01-30", 0, 0, true, 1, true);
        day(sku, shop.marketplace(), "2026-01-31", 0, 4, true, 0, false);

        JsonNode all = api.ok(api.get("/api/insight/skus/" + sku + "/history?from=2026-01-25&to=2026-02-04"));
        assertThat(all.path("skuDays").size()).isEqualTo(11);
        JsonNode web = channel(all, shop.web());
        assertThat(web.path("frequency").path("daysOut").intValue()).isEqualTo(5); // 30 Jan to 3 Feb
        assertThat(web.path("frequency").path("sellouts").intValue()).isEqualTo(1);
        assertThat(all.path("frequency").path("daysObserved").intValue()).isEqualTo(8); // 25-27 Jan unknown
        assertThat(all.path("frequency").path("sellouts").intValue())
                .as("one sell-out seen by two channels is one").isEqualTo(1);

        // out from 30 January to 2 February = 4 days, when the morning of 3 February is not cut in
        day(sku, shop.web(), "2026-02-03", 6, 6, false, 0, false);
        JsonNode again = api.ok(api.get("/api/insight/skus/" + sku + "/history?from=2026-01-28&to=2026-02-04"));
        assertThat(again.path("frequency").path("daysOut").intValue()).isEqualTo(4);
        assertThat(again.path("frequency").path("sellouts").intValue()).isEqualTo(1);
        assertThat(again.path("frequency").path("shareOut").doubleValue()).isEqualTo(0.5);
        assertThat(channel(again, shop.marketplace()).path("frequency").path("daysOut").intValue()).isEqualTo(2);
        // the marketplace's last day (31 January, 4 left) is carried forward to the days after it
        assertThat(channel(again, shop.marketplace()).path("days").get(6).path("closeAts").intValue()).isEqualTo(4);
        assertThat(channel(again, shop.marketplace()).path("frequency").path("daysObserved").intValue()).isEqualTo(6);

        JsonNode january = api.ok(api.get("/api/insight/skus/" + sku + "/history?from=2026-01-01&to=2026-01-31"));
        assertThat(january.path("frequency").path("daysOut").intValue()).as("30 and 31 January").isEqualTo(2);
        assertThat(january.path("frequency").path("sellouts").intValue()).isEqualTo(1);
        JsonNode february = api.ok(api.get("/api/insight/skus/" + sku + "/history?from=2026-02-01&to=2026-02-28"
                + "&channel=" + shop.web()));
        assertThat(february.path("channels").size()).isEqualTo(1);
        assertThat(february.path("frequency").path("daysOut").intValue()).as("1 and 2 February").isEqualTo(2);
        assertThat(february.path("frequency").path("sellouts").intValue()).as("it sold out in January").isZero();

        JsonNode list = api.ok(api.get("/api/insight/skus?order=stockout-days&from=2026-01-28&to=2026-02-04&sku=" + sku));
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).path("sku").asString()).isEqualTo(sku);
        assertThat(list.get(0).path("daysOut").intValue()).isEqualTo(4);
        assertThat(list.get(0).path("sellouts").intValue()).isEqualTo(1);
        assertThat(list.get(0).path("daysObserved").intValue()).isEqualTo(8);
    }

    @Test
    void badParametersAre400NamingTheFieldAndAnUnknownSkuIs404() {
        String sku = api.product("BP", 3);
        String history = "/api/insight/skus/" + sku + "/history";
        assertThat(field(api.get(history + "?from=2026-02-30"))).isEqualTo("from");
        assertThat(field(api.get(history + "?from=2026-02-01&to=2026-01-31"))).isEqualTo("to");
        assertThat(field(api.get(history + "?from=2020-01-01&to=2026-01-31"))).isEqualTo("from");
        assertThat(field(api.get(history + "?channel=NO-SUCH-CHANNEL"))).isEqualTo("channel");
        assertThat(field(api.get("/api/insight/skus?order=cheapest"))).isEqualTo("order");
        assertThat(field(api.get("/api/insight/skus?limit=0"))).isEqualTo("limit");
        assertThat(api.get("/api/insight/skus/" + sku + "-NOPE/history").status()).isEqualTo(404);
    }

    @Test
    void realStockChangesRecordTodaysRowsAndTheDailyLookCarriesTheCloseForward() {
        String sku = api.product("SD", 1);
        api.sellable(sku, shop.warehouse(), 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> following.idle() && close(sku, shop.web(), today()) == 2);

        String id = api.ok(api.post("/api/reservations", ShopApi.JSON.createObjectNode().put("channel", shop.web())
                .put("sku", sku).put("quantity", 2).put("holder", "WEB-1"))).path("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> following.idle() && close(sku, shop.web(), today()) == 0);
        Map<String, Object> out = row(sku, shop.web(), today());
        assertThat(out.get("out")).isEqualTo(true);
        assertThat(out.get("sellouts")).isEqualTo(1);
        assertThat(out.get("min_ats")).isEqualTo(0);

        api.sellable(sku, shop.warehouse(), 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> following.idle() && close(sku, shop.web(), today()) == 3);
        Map<String, Object> back = row(sku, shop.web(), today());
        assertThat(back.get("sellouts")).isEqualTo(1);
        assertThat(back.get("out")).isEqualTo(true);
        assertThat(row(sku, shop.till(), today()))
                .as("the till sells from the store only: it never could sell the SKU, so it is not 'out' every day")
                .isNull();

        JsonNode history = api.ok(api.get("/api/insight/skus/" + sku + "/history?channel=" + shop.web()));
        JsonNode todayRow = history.path("channels").get(0).path("days").get(29);
        assertThat(todayRow.path("day").asString()).isEqualTo(today().toString());
        assertThat(todayRow.path("closeAts").intValue()).isEqualTo(3);
        assertThat(todayRow.path("out").booleanValue()).isTrue();
        assertThat(history.path("frequency").path("sellouts").intValue()).isEqualTo(1);

        api.ok(api.post("/api/reservations/" + id + "/release"));
        await().atMost(Duration.ofSeconds(20)).until(() -> following.idle() && close(sku, shop.web(), today()) == 5);

        // the next day nothing changes; the daily job's look gives the day its row, the close carried forward
        clock.advance(Duration.ofDays(1));
        stockDays.look(sku);
        Map<String, Object> next = row(sku, shop.web(), today());
        assertThat(next.get("min_ats")).isEqualTo(5);
        assertThat(next.get("close_ats")).isEqualTo(5);
        assertThat(next.get("out")).isEqualTo(false);
        assertThat(next.get("sellouts")).isEqualTo(0);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Integer close(String sku, String channel, LocalDate day) {
        Map<String, Object> row = row(sku, channel, day);
        return row == null ? null : (Integer) row.get("close_ats");
    }

    private Map<String, Object> row(String sku, String channel, LocalDate day) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select * from insight_stock_day where sku = ? and channel = ? and day = ?", sku, channel, Date.valueOf(day));
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void day(String sku, String channel, String day, int min, int close, boolean out, int sellouts, boolean low) {
        jdbc.update("""
                insert into insight_stock_day (sku, channel, day, min_ats, close_ats, out, sellouts, low, looked_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, now())
                on conflict (sku, channel, day) do update set min_ats = excluded.min_ats, close_ats = excluded.close_ats,
                    out = excluded.out, sellouts = excluded.sellouts, low = excluded.low""",
                sku, channel, Date.valueOf(LocalDate.parse(day)), min, close, out, sellouts, low);
    }

    private static JsonNode channel(JsonNode history, String code) {
        for (JsonNode c : history.path("channels")) if (c.path("channel").asString().equals(code)) return c;
        throw new AssertionError("no channel " + code + " in " + history);
    }

    private static List<String> prices(JsonNode history) {
        List<String> prices = new ArrayList<>();
        history.path("prices").forEach(p -> prices.add(p.path("at").asString() + "=" + p.path("price").longValue()));
        return prices;
    }

    private static String field(ShopApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        return response.json().path("field").asString();
    }
}
