package dev.zaiko.insight;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A SKU's price and stock history over a period, and how often it sells out (Keepa-style): from
 * {@code insight_price} and {@code insight_stock_day}. Days are the shop's time zone; a period may span
 * month and year ends (each calendar day counts once).
 * <p>
 * A day without a row on a channel that was recorded before carries the last close forward (the daily
 * job writes every day, so such gaps are only days the application was down); days before a channel's
 * first row are unknown and not counted. The SKU as a whole is out on a day when any channel was out,
 * and its sell-outs are those of the channel that had the most (one sell-out is seen by every channel
 * that shares the pool, not always on the same day).
 */
@Component
public class StockHistory {

    /** The longest period one request may ask for. */
    public static final int MAX_DAYS = 731;

    public record PricePoint(Instant at, long price) {
    }

    /** One day on one channel; the numbers are null when the day is unknown (before the first record). */
    public record StockDay(LocalDate day, Integer closeAts, Integer minAts, Boolean out, int sellouts, boolean low) {
    }

    /**
     * @param daysObserved days with a known level
     * @param daysOut      of those, days the ATS was 0 at some point
     * @param shareOut     daysOut / daysObserved (0 when nothing was observed)
     * @param sellouts     times the ATS fell from above 0 to 0
     */
    public record Frequency(int daysObserved, int daysOut, double shareOut, int sellouts) {

        static Frequency of(int observed, int out, int sellouts) {
            return new Frequency(observed, out, observed == 0 ? 0 : Math.round(out * 10_000.0 / observed) / 10_000.0,
                    sellouts);
        }
    }

    public record ChannelHistory(String channel, List<StockDay> days, Frequency frequency) {
    }

    /** @param channel the one channel asked for, or null for every channel */
    public record SkuHistory(String sku, LocalDate from, LocalDate to, String channel, List<PricePoint> prices,
                             List<ChannelHistory> channels, List<StockDay> skuDays, Frequency frequency) {
    }

    /** One SKU's stockout frequency over a period (the list of SKUs that sell out often). */
    public record SkuFrequency(String sku, int daysObserved, int daysOut, double shareOut, int sellouts) {
    }

    public enum Order {
        STOCKOUT_DAYS("stockout-days"), SELLOUTS("sellouts");

        private final String param;

        Order(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }

        public static Order of(String param) {
            if (param == null || param.isBlank()) return STOCKOUT_DAYS;
            for (Order o : values()) if (o.param.equals(param.strip())) return o;
            throw new InvalidRequestException("invalid-request", "order must be stockout-days or sellouts.",
                    Map.of("field", "order"));
        }
    }

    private final JdbcTemplate jdbc;
    private final Products products;
    private final StockNetwork network;
    private final Clock clock;

    StockHistory(JdbcTemplate jdbc, Products products, StockNetwork network, Clock clock) {
        this.jdbc = jdbc;
        this.products = products;
        this.network = network;
        this.clock = clock;
    }

    /** The period asked for, checked: the last 30 days up to today when a bound is missing. */
    public record Period(LocalDate from, LocalDate to) {
    }

    public Period period(LocalDate from, LocalDate to) {
        LocalDate last = to != null ? to : LocalDate.now(clock);
        LocalDate first = from != null ? from : last.minusDays(29);
        if (last.isBefore(first)) {
            throw new InvalidRequestException("invalid-request", "to must not be before from.", Map.of("field", "to"));
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new InvalidRequestException("invalid-request",
                    "from must be at most " + MAX_DAYS + " days before to.", Map.of("field", "from"));
        }
        return new Period(first, last);
    }

    /**
     * @param channel null for every channel
     * @throws dev.zaiko.platform.NotFoundException for a SKU the catalog does not know
     */
    public SkuHistory of(String sku, LocalDate from, LocalDate to, String channel) {
        Period period = period(from, to);
        products.get(sku);
        if (channel != null && network.findChannel(channel).isEmpty()) {
            throw new InvalidRequestException("invalid-request", "channel '" + channel + "' is not a channel.",
                    Map.of("field", "channel"));
        }
        List<PricePoint> prices = prices(sku, period);
        Map<String, TreeMap<LocalDate, StockDay>> rows = new TreeMap<>();
        Map<String, StockDay> before = new HashMap<>();
        jdbc.query("""
                select channel, day, min_ats, close_ats, out, sellouts, low from insight_stock_day
                where sku = ? and day between ? and ? and (?::text is null or channel = ?)""", rs -> {
            StockDay d = new StockDay(rs.getObject("day", LocalDate.class), rs.getInt("close_ats"), rs.getInt("min_ats"),
                    rs.getBoolean("out"), rs.getInt("sellouts"), rs.getBoolean("low"));
            rows.computeIfAbsent(rs.getString("channel"), c -> new TreeMap<>()).put(d.day(), d);
        }, sku, Date.valueOf(period.from()), Date.valueOf(period.to()), channel, channel);
        jdbc.query("""
                select distinct on (channel) channel, day, close_ats from insight_stock_day
                where sku = ? and day < ? and (?::text is null or channel = ?) order by channel, day desc""", rs -> {
            int close = rs.getInt("close_ats");
            before.put(rs.getString("channel"), new StockDay(rs.getObject("day", LocalDate.class), close, close,
                    close == 0, 0, false));
            rows.computeIfAbsent(rs.getString("channel"), c -> new TreeMap<>());
        }, sku, Date.valueOf(period.from()), channel, channel);

        List<ChannelHistory> channels = new ArrayList<>();
        Map<LocalDate, int[]> perDay = new TreeMap<>(); // day -> {out on any channel, most sell-outs, known}
        int skuSellouts = 0;
        for (var e : rows.entrySet()) {
            List<StockDay> days = new ArrayList<>();
            StockDay last = before.get(e.getKey());
            int observed = 0, out = 0, sellouts = 0;
            for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
                StockDay d = e.getValue().get(day);
                if (d == null && last != null && !day.isAfter(LocalDate.now(clock))) {
                    d = new StockDay(day, last.closeAts(), last.closeAts(), last.closeAts() == 0, 0, false);
                }
                if (d == null) {
                    days.add(new StockDay(day, null, null, null, 0, false));
                    continue;
                }
                last = d;
                days.add(d);
                observed++;
                if (d.out()) out++;
                sellouts += d.sellouts();
                int[] sum = perDay.computeIfAbsent(day, k -> new int[3]);
                sum[2] = 1;
                if (d.out()) sum[0] = 1;
                sum[1] = Math.max(sum[1], d.sellouts());
            }
            channels.add(new ChannelHistory(e.getKey(), days, Frequency.of(observed, out, sellouts)));
            skuSellouts = Math.max(skuSellouts, sellouts);
        }
        List<StockDay> skuDays = new ArrayList<>();
        int observed = 0, out = 0;
        for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
            int[] sum = perDay.get(day);
            if (sum == null) {
                skuDays.add(new StockDay(day, null, null, null, 0, false));
                continue;
            }
            observed++;
            out += sum[0];
            skuDays.add(new StockDay(day, null, null, sum[0] == 1, sum[1], false));
        }
        return new SkuHistory(sku, period.from(), period.to(), channel, prices, channels, skuDays,
                Frequency.of(observed, out, skuSellouts));
    }

    /** The price in force when the period began (if any), then every change within it. */
    private List<PricePoint> prices(String sku, Period period) {
        Instant start = period.from().atStartOfDay(clock.getZone()).toInstant();
        Instant end = period.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        return jdbc.query("""
                (select at, price from insight_price where sku = ? and at < ? order by at desc limit 1)
                union all
                (select at, price from insight_price where sku = ? and at >= ? and at < ?)
                order by at""",
                (rs, i) -> new PricePoint(rs.getTimestamp("at").toInstant(), rs.getLong("price")),
                sku, Timestamp.from(start), sku, Timestamp.from(start), Timestamp.from(end));
    }

    /**
     * The SKUs that sold out most often over the period (only SKUs with a recorded day in it).
     *
     * @param skuPrefix null or blank for every SKU
     * @param channel   null for every channel
     */
    public List<SkuFrequency> list(LocalDate from, LocalDate to, Order order, String skuPrefix, String channel,
                                   int limit) {
        Period period = period(from, to);
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException("invalid-request", "limit must be between 1 and 500.",
                    Map.of("field", "limit"));
        }
        String prefix = skuPrefix == null || skuPrefix.isBlank() ? null
                : skuPrefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String orderBy = order == Order.SELLOUTS ? "sellouts desc, days_out desc, sku"
                : "days_out desc, sellouts desc, sku";
        // from the monthly roll-up (insight_stock_month, kept with the day rows): whole months as they are,
        // the partial months at the period's edges masked to the period's days (bit d-1 = day d). A day out on
        // any channel counts once: per SKU and month the channels' masks are OR-ed (32-bit integers, no wide
        // bit strings), then the months' day counts are summed. Sell-outs are summed per channel (the SKU's
        // are those of its busiest channel); a partial month counts its sell-out days, unless a day of that
        // month had more than one: then its day rows are summed.
        LocalDate firstMonth = period.from().withDayOfMonth(1);
        LocalDate lastMonth = period.to().withDayOfMonth(1);
        int firstMask = ~((1 << (period.from().getDayOfMonth() - 1)) - 1);
        int lastMask = (int) ((1L << period.to().getDayOfMonth()) - 1);
        return jdbc.query("""
                with m as (
                    select sku, channel, month, seen & k as seen, outs & k as outs,
                           case when k = -1 then sellouts
                                when sellouts = bit_count(sellout_days::bit(32)) then bit_count((sellout_days & k)::bit(32))
                                else (select sum(d.sellouts) from insight_stock_day d
                                      where d.sku = m.sku and d.channel = m.channel
                                        and d.day between greatest(m.month, ?)
                                                      and least((m.month + interval '1 month')::date - 1, ?))
                           end as sellouts
                    from (select m.sku, m.channel, m.month, m.seen, m.outs, m.sellout_days, m.sellouts,
                                 (case when m.month = ? then ? else -1 end) & (case when m.month = ? then ? else -1 end) as k
                          from insight_stock_month m
                          where m.month between ? and ? and (?::text is null or m.channel = ?)
                            and (?::text is null or m.sku like ?)) m
                    where seen & k <> 0),
                per_sku as (
                    select sku, sum(observed)::int as observed, sum(days_out)::int as days_out
                    from (select sku, bit_count(bit_or(seen)::bit(32)) as observed,
                                 bit_count(bit_or(outs)::bit(32)) as days_out
                          from m group by sku, month) months
                    group by sku),
                busiest as (
                    select sku, max(sellouts)::int as sellouts
                    from (select sku, sum(sellouts) as sellouts from m group by sku, channel) channels
                    group by sku)
                select sku, observed, days_out, sellouts from per_sku join busiest using (sku)
                order by\s""" + orderBy + " limit ?",
                (rs, i) -> {
                    int observed = rs.getInt("observed");
                    Frequency f = Frequency.of(observed, rs.getInt("days_out"), rs.getInt("sellouts"));
                    return new SkuFrequency(rs.getString("sku"), f.daysObserved(), f.daysOut(), f.shareOut(),
                            f.sellouts());
                },
                Date.valueOf(period.from()), Date.valueOf(period.to()),
                Date.valueOf(firstMonth), firstMask, Date.valueOf(lastMonth), lastMask,
                Date.valueOf(firstMonth), Date.valueOf(lastMonth), channel, channel, prefix, prefix, limit);
    }

    /** The channel codes the shop has, in code order (for the console's form). */
    public List<String> channels() {
        return new ArrayList<>(new TreeSet<>(network.channels().stream().map(c -> c.code()).toList()));
    }
}
