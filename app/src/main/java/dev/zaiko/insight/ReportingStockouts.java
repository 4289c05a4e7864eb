package dev.zaiko.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.platform.InvalidRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the monthly stockout report from insight's read tables (never another module's), for a range
 * of months in the shop's time zone. Every number is defined in docs/insight-report.md.
 */
@Service
public class ReportingStockouts {

    static final int TOP_SKUS = 20;

    private final JdbcTemplate jdbc;
    private final Products products;
    private final Clock clock;

    ReportingStockouts(JdbcTemplate jdbc, Products products, Clock clock) {
        this.jdbc = jdbc;
        this.products = products;
        this.clock = clock;
    }

    /**
     * The months asked for: {@code yyyy-MM} each, both optional (to: this month; from: 11 months
     * before {@code to}); see {@link MonthRange}.
     *
     * @throws InvalidRequestException naming {@code from} or {@code to}: not a month, from after to, or
     *                                 more than {@value MonthRange#MAX_MONTHS} months
     */
    public MonthRange months(String from, String to) {
        return MonthRange.of(from, to, clock);
    }

    /**
     * The report as of now, in one read-only transaction (one snapshot of the tables). Each case reaches
     * its order and order line by a scalar subquery, an index lookup per case: a join would let the
     * planner hash the whole order tables (a million rows a year) for a few thousand cases.
     */
    @Transactional(readOnly = true)
    public StockoutReport report(MonthRange months) {
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        Timestamp start = Timestamp.from(months.from().atDay(1).atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(months.to().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        String tz = zone.getId();

        List<StockoutReport.CasesByReason> byReason = jdbc.query("""
                select to_char(detected_at at time zone ?, 'YYYY-MM') as month, reason, count(*) as cases
                from insight_case where detected_at >= ? and detected_at < ?
                group by 1, 2 order by 1, 2""",
                (rs, i) -> new StockoutReport.CasesByReason(rs.getString(1), rs.getString(2), rs.getLong(3)),
                tz, start, end);

        List<StockoutReport.CasesByChannel> byChannel = jdbc.query("""
                select to_char(c.detected_at at time zone ?, 'YYYY-MM') as month,
                       coalesce((select o.channel from insight_order o where o.order_number = c.order_number), '')
                         as channel,
                       count(*) as cases
                from insight_case c
                where c.detected_at >= ? and c.detected_at < ?
                group by 1, 2 order by 1, 2""",
                (rs, i) -> new StockoutReport.CasesByChannel(rs.getString(1), rs.getString(2), rs.getLong(3)),
                tz, start, end);

        List<StockoutReport.TopSku> top = topSkus(start, end);

        List<StockoutReport.Contacts> contacts = jdbc.query("""
                select to_char(at at time zone ?, 'YYYY-MM') as month,
                       count(*) filter (where kind = 'CALL'),
                       count(*) filter (where kind = 'CALL' and outcome = 'CONNECTED'),
                       count(*) filter (where kind = 'CALL' and outcome = 'VOICEMAIL'),
                       count(*) filter (where kind = 'CALL' and outcome = 'NO_ANSWER'),
                       count(*) filter (where kind = 'CALL' and outcome = 'WRONG_NUMBER'),
                       count(*) filter (where kind = 'EMAIL')
                from insight_contact k where at >= ? and at < ?
                  and exists (select 1 from insight_case c where c.case_id = k.case_id)
                group by 1 order by 1""",
                (rs, i) -> new StockoutReport.Contacts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)),
                tz, start, end);

        List<StockoutReport.FirstContact> first = jdbc.query("""
                with c as (
                    select c.case_id, c.priority, c.detected_at, c.contact_deadline, w.at as withdrawn_at,
                           (select min(k.at) from insight_contact k where k.case_id = c.case_id) as first_at
                    from insight_case c left join insight_case_withdrawal w on w.case_id = c.case_id
                    where c.detected_at >= ? and c.detected_at < ?
                ), d as (
                    select to_char(detected_at at time zone ?, 'YYYY-MM') as month, priority, first_at,
                           extract(epoch from (first_at - detected_at)) / 60.0 as minutes,
                           first_at is not null
                             or (contact_deadline is not null and contact_deadline < ?
                                 and (withdrawn_at is null or withdrawn_at > contact_deadline)) as due,
                           first_at is not null and (contact_deadline is null or first_at <= contact_deadline) as met
                    from c
                )
                select month, priority, count(*), count(first_at), count(*) filter (where due),
                       count(*) filter (where met),
                       percentile_cont(0.5) within group (order by minutes) filter (where first_at is not null)
                from d group by 1, 2 order by 1, 2""",
                (rs, i) -> {
                    long due = rs.getLong(5);
                    long met = rs.getLong(6);
                    double median = rs.getDouble(7);
                    Double medianMinutes = rs.wasNull() ? null : round(median, 1);
                    return new StockoutReport.FirstContact(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                            due, met, due == 0 ? null : round((double) met / due, 4), medianMinutes);
                },
                start, end, tz, Timestamp.from(now));

        List<StockoutReport.Outcome> outcomes = jdbc.query("""
                with c as (
                    select c.case_id, c.order_number, c.line_no,
                           to_char(c.detected_at at time zone ?, 'YYYY-MM') as month
                    from insight_case c where c.detected_at >= ? and c.detected_at < ?
                ), last as (
                    select distinct on (d.case_id) d.case_id, d.choice
                    from insight_decision d join c on c.case_id = d.case_id
                    order by d.case_id, d.decided_at desc, d.decided_line desc
                ), refunded as (
                    select d.case_id, sum(d.refund_amount) as refunded
                    from insight_decision d join c on c.case_id = d.case_id group by d.case_id
                ), o as (
                    select c.month,
                           coalesce((select l.quantity::bigint * l.unit_price from insight_order_line l
                                     where l.order_number = c.order_number and l.line_no = c.line_no), 0) as line_value,
                           coalesce(r.refunded, 0) as refunded,
                           case when last.choice is not null then last.choice
                                when w.case_id is not null then 'WITHDRAWN' else 'OPEN' end as outcome
                    from c
                    left join last on last.case_id = c.case_id
                    left join refunded r on r.case_id = c.case_id
                    left join insight_case_withdrawal w on w.case_id = c.case_id
                )
                select month, outcome, count(*), sum(line_value),
                       sum(case when outcome in ('WITHDRAWN', 'OPEN') then 0 else line_value - refunded end),
                       sum(case when outcome = 'WITHDRAWN' then line_value when outcome = 'OPEN' then 0 else refunded end)
                from o group by 1, 2 order by 1, 2""",
                (rs, i) -> new StockoutReport.Outcome(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)),
                tz, start, end);

        List<StockoutReport.RefundsByMeans> byMeans = jdbc.query("""
                select to_char(r.at at time zone ?, 'YYYY-MM') as month, r.means, count(*), sum(r.amount)
                from insight_refund r
                where r.at >= ? and r.at < ?
                  and exists (select 1 from insight_case c where c.order_number = r.order_number)
                group by 1, 2 order by 1, 2""",
                (rs, i) -> new StockoutReport.RefundsByMeans(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4)),
                tz, start, end);

        List<StockoutReport.Cost> cost = cost(tz, start, end, byMeans);
        List<StockoutReport.Summary> summary = summary(months, byReason, contacts, first, outcomes, cost);
        return new StockoutReport(months.from().toString(), months.to().toString(), tz, now, summary, byReason,
                byChannel, top, contacts, first, outcomes, cost, byMeans);
    }

    private List<StockoutReport.TopSku> topSkus(Timestamp start, Timestamp end) {
        record Row(String sku, String reason, long cases) {
        }
        List<Row> rows = jdbc.query("""
                select sku, reason, count(*) from insight_case where detected_at >= ? and detected_at < ?
                group by 1, 2""", (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3)), start, end);
        Map<String, List<Row>> bySku = new HashMap<>();
        for (Row r : rows) bySku.computeIfAbsent(r.sku(), k -> new ArrayList<>()).add(r);
        record Sku(String sku, long cases, Row main) {
        }
        List<Sku> skus = bySku.entrySet().stream().map(e -> new Sku(e.getKey(),
                        e.getValue().stream().mapToLong(Row::cases).sum(),
                        e.getValue().stream().min(Comparator.comparingLong(Row::cases).reversed()
                                .thenComparing(Row::reason)).orElseThrow()))
                .sorted(Comparator.comparingLong(Sku::cases).reversed().thenComparing(Sku::sku))
                .limit(TOP_SKUS).toList();
        List<StockoutReport.TopSku> top = new ArrayList<>();
        for (Sku s : skus) {
            String name = products.find(s.sku()).map(Product::name).map(Product.Name::ja).orElse("");
            top.add(new StockoutReport.TopSku(top.size() + 1, s.sku(), name, s.cases(), s.main().reason(),
                    s.main().cases()));
        }
        return top;
    }

    private List<StockoutReport.Cost> cost(String tz, Timestamp start, Timestamp end,
                                           List<StockoutReport.RefundsByMeans> byMeans) {
        Map<String, long[]> months = new TreeMap<>();
        for (StockoutReport.RefundsByMeans r : byMeans) {
            long[] m = months.computeIfAbsent(r.month(), k -> new long[7]);
            m[0] += r.refunds();
            m[1] += r.amount();
        }
        jdbc.query("""
                select to_char(at at time zone ?, 'YYYY-MM'), count(*), sum(value)
                from insight_coupon_issued where at >= ? and at < ? group by 1""", rs -> {
            long[] m = months.computeIfAbsent(rs.getString(1), k -> new long[7]);
            m[2] += rs.getLong(2);
            m[3] += rs.getLong(3);
        }, tz, start, end);
        jdbc.query("""
                select to_char(r.at at time zone ?, 'YYYY-MM'), count(*), sum(r.discount)
                from insight_coupon_redeemed r where r.at >= ? and r.at < ?
                  and exists (select 1 from insight_coupon_issued i where i.coupon_code = r.coupon_code)
                group by 1""", rs -> {
            long[] m = months.computeIfAbsent(rs.getString(1), k -> new long[7]);
            m[4] += rs.getLong(2);
            m[5] += rs.getLong(3);
        }, tz, start, end);
        jdbc.query("""
                select to_char(decided_at at time zone ?, 'YYYY-MM'), sum(absorbed_amount)
                from insight_decision where decided_at >= ? and decided_at < ? and absorbed_amount <> 0
                group by 1""", rs -> {
            long[] m = months.computeIfAbsent(rs.getString(1), k -> new long[7]);
            m[6] += rs.getLong(2);
        }, tz, start, end);
        List<StockoutReport.Cost> cost = new ArrayList<>();
        months.forEach((month, m) -> cost.add(new StockoutReport.Cost(month, m[0], m[1], m[2], m[3], m[4], m[5], m[6])));
        return cost;
    }

    /** Every month of the range, also those with nothing in them. */
    private static List<StockoutReport.Summary> summary(MonthRange months, List<StockoutReport.CasesByReason> byReason,
                                                       List<StockoutReport.Contacts> contacts,
                                                       List<StockoutReport.FirstContact> first,
                                                       List<StockoutReport.Outcome> outcomes,
                                                       List<StockoutReport.Cost> cost) {
        List<StockoutReport.Summary> rows = new ArrayList<>();
        for (YearMonth m = months.from(); !m.isAfter(months.to()); m = m.plusMonths(1)) {
            String month = m.toString();
            long cases = byReason.stream().filter(r -> r.month().equals(month)).mapToLong(r -> r.cases()).sum();
            StockoutReport.Contacts c = contacts.stream().filter(r -> r.month().equals(month)).findFirst()
                    .orElse(new StockoutReport.Contacts(month, 0, 0, 0, 0, 0, 0));
            long due = first.stream().filter(r -> r.month().equals(month)).mapToLong(r -> r.due()).sum();
            long met = first.stream().filter(r -> r.month().equals(month)).mapToLong(r -> r.met()).sum();
            long kept = outcomes.stream().filter(r -> r.month().equals(month)).mapToLong(r -> r.kept()).sum();
            long lost = outcomes.stream().filter(r -> r.month().equals(month)).mapToLong(r -> r.lost()).sum();
            StockoutReport.Cost k = cost.stream().filter(r -> r.month().equals(month)).findFirst()
                    .orElse(new StockoutReport.Cost(month, 0, 0, 0, 0, 0, 0, 0));
            rows.add(new StockoutReport.Summary(month, cases, c.calls(), c.reached(), c.emails(), due, met,
                    due == 0 ? null : round((double) met / due, 4), kept, lost, k.refunded(), k.couponsIssuedValue(),
                    k.absorbed()));
        }
        return rows;
    }

    static double round(double value, int decimals) {
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
