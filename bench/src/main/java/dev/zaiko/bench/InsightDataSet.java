package dev.zaiko.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A year of a shop, written straight into insight's read tables: as many orders as asked over the
 * SKUs (a few sell most, as in a real shop), customers who order again, stockout cases on about one
 * line in 200 with their calls, emails, decisions, refunds and coupons, the demand per SKU and day
 * those orders make, and what three channels could sell of each SKU (day rows for the last two months,
 * the monthly roll-up before). The journal is left empty: this data set measures the pages that read
 * the tables, not the folding. Deterministic for a seed
 * (PostgreSQL's {@code setseed}).
 * <p>
 * Everything it writes has keys starting {@code BENCH-}, so it can sit beside real data.
 */
public final class InsightDataSet {

    /** @param customers distinct customers (a few order often, most once or twice) */
    public record Size(int skus, int orders, int customers, int months, double seed) {

        public Size {
            if (skus < 1 || orders < 1 || customers < 1 || months < 1) {
                throw new IllegalArgumentException("skus, orders, customers and months must be positive");
            }
        }
    }

    /** How long each step took, and how many rows it wrote. */
    public record Step(String table, long rows, long millis) {
    }

    private InsightDataSet() {
    }

    /** The data set ends at the start of today (the shop's time zone) and goes back {@code months} months. */
    public static List<Step> write(JdbcTemplate jdbc, Size size, ZoneId zone, LocalDate today) {
        Instant end = today.atStartOfDay(zone).toInstant();
        Instant start = today.minusMonths(size.months()).atStartOfDay(zone).toInstant();
        List<Step> steps = new ArrayList<>();
        jdbc.queryForObject("select setseed(?)::text", String.class, size.seed());
        steps.add(step(jdbc, "insight_order", """
                insert into insight_order (order_number, channel, customer_key, segment, b2b, placed_at, total, shipping_fee)
                select 'BENCH-' || i,
                       (array['WEB','WEB','WEB','AMAZON','AMAZON','RAKUTEN','YAHOO','STORE'])[1 + floor(random() * 8)::int],
                       'BENCH-C' || floor(power(random(), 2) * ?)::int,
                       null, random() < 0.03,
                       ?::timestamptz + (?::timestamptz - ?::timestamptz) * ((i - 1 + random()) / ?),
                       600 + 1500 * (1 + i % 3), 600
                from generate_series(1, ?) i""",
                size.customers(), ts(start), ts(end), ts(start), size.orders(), size.orders()));
        steps.add(step(jdbc, "insight_order (next and previous orders)", """
                update insight_order o set next_placed_at = n.next, prev_placed_at = n.prev
                from (select order_number,
                             lead(placed_at) over (partition by customer_key order by placed_at, order_number) as next,
                             lag(placed_at) over (partition by customer_key order by placed_at, order_number) as prev
                      from insight_order where order_number like 'BENCH-%') n
                where n.order_number = o.order_number and (n.next is not null or n.prev is not null)"""));
        steps.add(step(jdbc, "insight_order_line", """
                insert into insight_order_line (order_number, line_no, sku, quantity, unit_price, backordered)
                select o.order_number, l, 'BENCH-SKU-' || lpad(floor(power(random(), 3) * ?)::int::text, 5, '0'),
                       1 + floor(random() * 2)::int, 500 + floor(random() * 20)::int * 250, random() < 0.01
                from insight_order o
                cross join lateral generate_series(1, 1 + abs(hashtext(o.order_number)) % 2) l
                where o.order_number like 'BENCH-%'""", size.skus()));
        steps.add(step(jdbc, "insight_case", """
                insert into insight_case (case_id, order_number, line_no, sku, reason, priority, detected_at,
                                          contact_deadline, service_level_rule, express, gift, b2b)
                select 'BENCH-CASE-' || l.order_number || '-' || l.line_no, l.order_number, l.line_no, l.sku,
                       (array['ALLOCATION_FAILED','DISPLACED','INSPECTION_DEFECT','INBOUND_SHORT','SUPPLIER_CANCELLED',
                              'DISCONTINUED','BACKORDER_AGED'])[1 + floor(random() * 7)::int],
                       1 + floor(random() * 3)::int, d.at, d.at + interval '1 hour' * (4 + floor(random() * 20)),
                       'NEXT_BUSINESS_DAY', random() < 0.1, random() < 0.05, o.b2b
                from insight_order_line l join insight_order o using (order_number)
                cross join lateral (select o.placed_at + interval '1 minute' * floor(random() * 2880) as at) d
                where l.order_number like 'BENCH-%' and random() < 0.005"""));
        steps.add(step(jdbc, "insight_contact (calls)", """
                insert into insight_contact (id, kind, case_id, order_number, outcome, operator, at, helped, hurt, lesson)
                select c.case_id || '-CALL-' || k, 'CALL', c.case_id, c.order_number,
                       (array['CONNECTED','CONNECTED','VOICEMAIL','NO_ANSWER','WRONG_NUMBER'])[1 + floor(random() * 5)::int],
                       'op' || (1 + floor(random() * 5)::int),
                       c.detected_at + interval '1 minute' * (20 + floor(random() * 400) * k),
                       case when random() < 0.5 then array['先に謝罪した', '入荷日を伝えた'] else array['代替品を提案した'] end,
                       case when random() < 0.2 then array['待たせた'] else '{}'::text[] end,
                       case when random() < 0.1 then '入荷日を先に伝えると落ち着いてもらえた' end
                from insight_case c
                cross join lateral generate_series(1, 1 + abs(hashtext(c.case_id)) % 3) k
                where c.case_id like 'BENCH-%'"""));
        steps.add(step(jdbc, "insight_contact (emails)", """
                insert into insight_contact (id, kind, case_id, order_number, outcome, at)
                select c.case_id || '-MAIL', 'EMAIL', c.case_id, c.order_number, 'FIRST_NOTICE',
                       c.detected_at + interval '1 minute' * floor(random() * 120)
                from insight_case c where c.case_id like 'BENCH-%' and random() < 0.5"""));
        steps.add(step(jdbc, "insight_decision", """
                insert into insight_decision (case_id, decided_line, decided_at, line_no, order_number, choice, units,
                                              substitute_sku, refund_amount, absorbed_amount, shipping_fee_refund,
                                              by_default, decided_by)
                select c.case_id, c.line_no, c.detected_at + interval '1 hour' * (1 + floor(random() * 72)), c.line_no,
                       c.order_number, x.choice, l.quantity, null,
                       case when x.choice in ('CANCEL', 'PARTIAL') then l.quantity * l.unit_price else 0 end,
                       case when x.choice = 'SUBSTITUTE' and random() < 0.3 then 250 else 0 end, 0, random() < 0.05, 'op1'
                from insight_case c join insight_order_line l using (order_number, line_no)
                cross join lateral (select (array['WAIT','WAIT','SUBSTITUTE','SUBSTITUTE','DROP_SHIP','PARTIAL','CANCEL',
                                                  'CANCEL','CANCEL'])[1 + floor(random() * 9 + 0 * c.line_no)::int] as choice) x
                where c.case_id like 'BENCH-%' and random() < 0.92"""));
        steps.add(step(jdbc, "insight_case_withdrawal", """
                insert into insight_case_withdrawal (case_id, reason, channel, at)
                select c.case_id, 'cancelled on the channel', 'AMAZON', c.detected_at + interval '2 hours'
                from insight_case c
                where c.case_id like 'BENCH-%'
                  and not exists (select 1 from insight_decision d where d.case_id = c.case_id) and random() < 0.5"""));
        steps.add(step(jdbc, "insight_refund", """
                insert into insight_refund (refund_id, order_number, line_no, reason, means, route, amount, at)
                select 'BENCH-REFUND-' || d.case_id, d.order_number, d.line_no, 'LINE_CANCELLED',
                       (array['CARD','CARD','PAYPAY','KONBINI','BANK_TRANSFER','MARKETPLACE'])[1 + floor(random() * 6)::int],
                       'AUTO', d.refund_amount, d.decided_at + interval '1 day'
                from insight_decision d where d.case_id like 'BENCH-%' and d.refund_amount > 0"""));
        steps.add(step(jdbc, "insight_coupon_issued", """
                insert into insight_coupon_issued (coupon_code, case_id, order_number, kind, value, policy, valid_until, at)
                select 'BENCH-CPN-' || c.case_id, c.case_id, c.order_number, 'AMOUNT', 500, 'EVERY_STOCKOUT',
                       (c.detected_at + interval '90 days')::date, c.detected_at + interval '3 hours'
                from insight_case c where c.case_id like 'BENCH-%' and random() < 0.3"""));
        steps.add(step(jdbc, "insight_coupon_redeemed", """
                insert into insight_coupon_redeemed (coupon_code, order_number, discount, at)
                select i.coupon_code, 'BENCH-REDEEM-' || i.case_id, 500, i.at + interval '1 day' * floor(random() * 60)
                from insight_coupon_issued i where i.coupon_code like 'BENCH-%' and random() < 0.4"""));
        // what the retention figures read per case, as the projection folds it from the facts above
        steps.add(step(jdbc, "insight_retention_case", """
                insert into insight_retention_case (case_id, order_number, customer_key, detected_at, contact_deadline,
                    first_contact_at, choice, choice_decided_at, choice_decided_line, withdrawn)
                select c.case_id, c.order_number, o.customer_key, c.detected_at, c.contact_deadline,
                       (select min(t.at) from insight_contact t where t.case_id = c.case_id and t.at >= c.detected_at),
                       d.choice, d.decided_at, d.decided_line,
                       exists (select 1 from insight_case_withdrawal w where w.case_id = c.case_id)
                from insight_case c left join insight_order o on o.order_number = c.order_number
                left join lateral (select choice, decided_at, decided_line from insight_decision x
                                   where x.case_id = c.case_id
                                   order by x.decided_at desc, x.decided_line desc limit 1) d on true
                where c.case_id like 'BENCH-%'"""));
        steps.add(step(jdbc, "insight_sku_demand", """
                insert into insight_sku_demand (sku, day, ordered_units, till_units)
                select l.sku, (o.placed_at at time zone ?)::date, sum(l.quantity), 0
                from insight_order_line l join insight_order o using (order_number)
                where l.order_number like 'BENCH-%'
                group by 1, 2
                on conflict (sku, day) do update set ordered_units = insight_sku_demand.ordered_units
                                                                     + excluded.ordered_units""", zone.getId()));
        // what each channel could sell per day: day rows for the last two months (the partial months a
        // period reads day by day), the monthly roll-up for the months before (what a year's list reads)
        LocalDate recent = today.minusMonths(1).withDayOfMonth(1);
        steps.add(step(jdbc, "insight_stock_day (last two months)", """
                insert into insight_stock_day (sku, channel, day, min_ats, close_ats, out, sellouts, low, looked_at)
                select 'BENCH-SKU-' || lpad(s::text, 5, '0'), c, d::date, x.ats, x.ats + 1, x.ats = 0,
                       case when x.ats = 0 and random() < 0.5 then 1 else 0 end, x.ats between 1 and 3, now()
                from generate_series(0, ? - 1) s
                cross join unnest(array['WEB', 'AMAZON', 'RAKUTEN']) c
                cross join generate_series(?::date, ?::date - 1, interval '1 day') d
                cross join lateral (select case when random() < 0.08 + 0 * (s + length(c) + extract(day from d)) then 0
                                               else 1 + floor(random() * 20)::int end as ats) x""",
                size.skus(), java.sql.Date.valueOf(recent), java.sql.Date.valueOf(today)));
        steps.add(step(jdbc, "insight_stock_month (older months)", """
                insert into insight_stock_month (sku, channel, month, seen, outs, sellout_days, sellouts)
                select 'BENCH-SKU-' || lpad(s::text, 5, '0'), c, m::date, x.seen, x.outs & x.seen,
                       x.outs & x.seen & floor(random() * 2147483647)::int, bit_count((x.outs & x.seen)::bit(32))::int
                from generate_series(0, ? - 1) s
                cross join unnest(array['WEB', 'AMAZON', 'RAKUTEN']) c
                cross join generate_series(?::date, ?::date - interval '1 month', interval '1 month') m
                cross join lateral (select ((1::bigint << extract(day from (m + interval '1 month' - interval '1 day'))::int)
                                                - 1)::int as seen,
                                           floor(random() * 2147483647)::int & floor(random() * 2147483647)::int
                                           & floor(random() * 2147483647)::int & floor(random() * 2147483647)::int
                                           + 0 * (s + length(c) + extract(month from m)::int) as outs) x
                on conflict do nothing""",
                size.skus(), java.sql.Date.valueOf(today.minusMonths(size.months()).withDayOfMonth(1)),
                java.sql.Date.valueOf(recent)));
        long started = System.nanoTime();
        jdbc.execute("analyze");
        steps.add(new Step("analyze", 0, (System.nanoTime() - started) / 1_000_000));
        return steps;
    }

    private static Step step(JdbcTemplate jdbc, String table, String sql, Object... args) {
        long started = System.nanoTime();
        int rows = jdbc.update(sql, args);
        return new Step(table, rows, (System.nanoTime() - started) / 1_000_000);
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }
}
