package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The list of SKUs that sell out most often reads the monthly roll-up (whole months, and the masked days
 * of the partial months at the period's edges): it gives exactly what the day rows give, for random days
 * that are written, rewritten and deleted, over periods that cut months and the year.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StockListRollUpTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StockHistory history;

    @Test
    void theListOverPartialAndWholeMonthsIsWhatTheDayRowsGive() {
        String prefix = ShopApi.unique("RU") + "-";
        List<String> channels = List.of("WEB", "MKT", "TILL");
        Random random = new Random(20);
        LocalDate first = LocalDate.parse("2025-11-03");
        LocalDate last = LocalDate.parse("2026-04-27");
        for (int s = 0; s < 6; s++) {
            String sku = prefix + s;
            for (String channel : channels) {
                if (s == 5 && !channel.equals("WEB")) continue; // one SKU on one channel only
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    if (random.nextInt(10) < 2) continue; // days without a row
                    boolean out = random.nextInt(4) == 0;
                    int sellouts = out ? random.nextInt(10) < 2 ? 2 : random.nextInt(2) : 0;
                    day(sku, channel, day, out, sellouts);
                }
            }
        }
        // looks later the same day: a day turns out, gains a sell-out, a row is deleted, a row moves
        day(prefix + 0, "WEB", LocalDate.parse("2026-01-31"), true, 3);
        day(prefix + 1, "MKT", LocalDate.parse("2026-02-01"), true, 1);
        day(prefix + 2, "WEB", LocalDate.parse("2025-12-31"), false, 0);
        jdbc.update("delete from insight_stock_day where sku = ? and day between ? and ?", prefix + 3,
                Date.valueOf("2026-03-10"), Date.valueOf("2026-03-20"));
        jdbc.update("update insight_stock_day set day = ? where sku = ? and channel = 'WEB' and day = ?",
                Date.valueOf("2026-05-02"), prefix + 4, Date.valueOf("2026-04-02"));

        assertThat(rollUp(prefix)).as("the roll-up as kept").isEqualTo(rolledUpAgain(prefix));

        String[][] periods = {
                {"2025-11-03", "2026-04-27"}, // two partial edge months, four whole ones
                {"2025-12-01", "2026-03-31"}, // whole months only
                {"2025-12-15", "2026-01-14"}, // across the year end, two partial months
                {"2026-02-01", "2026-02-28"}, // one whole month
                {"2026-01-31", "2026-02-01"}, // the last and the first day of a month
                {"2026-03-05", "2026-03-25"}, // inside one month
                {"2026-01-31", "2026-01-31"}, // one day (31 = the top bit)
                {"2025-10-01", "2026-06-30"}, // wider than the data
        };
        for (String[] p : periods) {
            LocalDate from = LocalDate.parse(p[0]);
            LocalDate to = LocalDate.parse(p[1]);
            for (StockHistory.Order order : StockHistory.Order.values()) {
                for (String channel : new String[] {null, "MKT"}) {
                    assertThat(history.list(from, to, order, prefix, channel, 500))
                            .as("%s to %s by %s on %s", from, to, order, channel)
                            .isEqualTo(fromDayRows(from, to, order, prefix, channel));
                }
            }
        }
        assertThat(history.list(LocalDate.parse("2025-11-03"), LocalDate.parse("2026-04-27"),
                StockHistory.Order.STOCKOUT_DAYS, prefix, null, 500)).hasSize(6);

        InsightApi api = new InsightApi(port);
        JsonNode list = api.ok(api.get("/api/insight/skus?order=sellouts&from=2025-12-15&to=2026-01-14&sku=" + prefix));
        List<StockHistory.SkuFrequency> expected = fromDayRows(LocalDate.parse("2025-12-15"),
                LocalDate.parse("2026-01-14"), StockHistory.Order.SELLOUTS, prefix, null);
        assertThat(list.size()).isEqualTo(expected.size());
        for (int i = 0; i < list.size(); i++) {
            assertThat(list.get(i).path("sku").asString()).isEqualTo(expected.get(i).sku());
            assertThat(list.get(i).path("daysOut").intValue()).isEqualTo(expected.get(i).daysOut());
            assertThat(list.get(i).path("sellouts").intValue()).isEqualTo(expected.get(i).sellouts());
            assertThat(list.get(i).path("daysObserved").intValue()).isEqualTo(expected.get(i).daysObserved());
        }
    }

    private void day(String sku, String channel, LocalDate day, boolean out, int sellouts) {
        int ats = out ? 0 : 4;
        jdbc.update("""
                insert into insight_stock_day (sku, channel, day, min_ats, close_ats, out, sellouts, low, looked_at)
                values (?, ?, ?, ?, ?, ?, ?, false, now())
                on conflict (sku, channel, day) do update set min_ats = excluded.min_ats, close_ats = excluded.close_ats,
                    out = excluded.out, sellouts = excluded.sellouts""",
                sku, channel, Date.valueOf(day), ats, ats, out, sellouts);
    }

    private List<String> rollUp(String prefix) {
        return jdbc.queryForList("""
                select concat_ws(' ', sku, channel, month, seen, outs, sellout_days, sellouts) from insight_stock_month
                where sku like ? order by sku, channel, month""", String.class, prefix + "%");
    }

    /** The roll-up computed again from the day rows (as the migration fills it). */
    private List<String> rolledUpAgain(String prefix) {
        return jdbc.queryForList("""
                select concat_ws(' ', sku, channel, date_trunc('month', day)::date,
                       bit_or(1 << (extract(day from day)::integer - 1)),
                       bit_or(case when out then 1 << (extract(day from day)::integer - 1) else 0 end),
                       bit_or(case when sellouts > 0 then 1 << (extract(day from day)::integer - 1) else 0 end),
                       sum(sellouts))
                from insight_stock_day where sku like ?
                group by sku, channel, date_trunc('month', day) order by sku, channel, date_trunc('month', day)""",
                String.class, prefix + "%");
    }

    /** The list as it was computed before the roll-up: every day row of the period. */
    private List<StockHistory.SkuFrequency> fromDayRows(LocalDate from, LocalDate to, StockHistory.Order order,
                                                        String prefix, String channel) {
        String orderBy = order == StockHistory.Order.SELLOUTS ? "sellouts desc, days_out desc, sku"
                : "days_out desc, sellouts desc, sku";
        int n = (int) ChronoUnit.DAYS.between(from, to) + 1;
        String zeros = "repeat('0', " + n + ")::bit(" + n + ")";
        List<StockHistory.SkuFrequency> rows = new ArrayList<>(jdbc.query("""
                with per_channel as (
                    select sku, sum(sellouts) as sellouts,
                           bit_or(set_bit(%1$s, day - ?::date, 1)) as seen,
                           bit_or(case when out then set_bit(%1$s, day - ?::date, 1) else %1$s end) as outs
                    from insight_stock_day
                    where day between ? and ? and (?::text is null or channel = ?) and sku like ?
                    group by sku, channel)
                select sku, bit_count(bit_or(seen)) as observed, bit_count(bit_or(outs)) as days_out,
                       max(sellouts) as sellouts
                from per_channel group by sku order by\s""".formatted(zeros) + orderBy,
                (rs, i) -> {
                    int observed = rs.getInt("observed");
                    int out = rs.getInt("days_out");
                    return new StockHistory.SkuFrequency(rs.getString("sku"), observed, out,
                            observed == 0 ? 0 : Math.round(out * 10_000.0 / observed) / 10_000.0, rs.getInt("sellouts"));
                },
                Date.valueOf(from), Date.valueOf(from), Date.valueOf(from), Date.valueOf(to), channel, channel,
                prefix + "%"));
        return rows;
    }
}
