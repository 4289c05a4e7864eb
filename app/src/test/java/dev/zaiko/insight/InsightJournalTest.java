package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.CallReported;
import dev.zaiko.mail.EmailSent;
import dev.zaiko.order.OrderPlaced;
import dev.zaiko.order.OrderPlaced.PlacedLine;
import dev.zaiko.refund.ApologyCouponIssued;
import dev.zaiko.refund.RefundCompleted;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutDecided;
import dev.zaiko.stockout.StockoutOpened;
import dev.zaiko.stockout.StockoutWithdrawn;
import dev.zaiko.wallet.CouponRedeemed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The journal keeps each fact once, and the core read tables come out the same whatever order the
 * facts arrive in, and again after a rebuild. Every run uses keys of its own, so facts other tests
 * leave in the journal do not matter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InsightJournalTest {

    private static final Instant T0 = Instant.parse("2026-03-30T01:00:00Z");

    @Autowired
    InsightJournal journal;

    @Autowired
    RebuildingInsight rebuilding;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFactToldTwiceIsKeptAndFoldedOnce() {
        String p = "IJT-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        OrderPlaced order = order(p, "1", "c1", 0, 1500);
        assertThat(journal.record(order)).isTrue();
        assertThat(journal.record(order)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from insight_event where event_key = ?", Integer.class,
                p + "1")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from insight_order_line where order_number = ?",
                Integer.class, p + "1")).isEqualTo(2);
    }

    @Test
    void theSameFactsInAnyOrderGiveTheSameTablesAndARebuildGivesThemAgain() {
        String first = null;
        Random random = new Random(20);
        List<String> prefixes = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
            String p = "IJT-" + UUID.randomUUID().toString().substring(0, 8) + "-";
            prefixes.add(p);
            List<Object> facts = facts(p);
            if (run > 0) Collections.shuffle(facts, random);
            facts.forEach(journal::record);
            String tables = snapshot(p);
            if (first == null) first = tables;
            else assertThat(tables).as("run %d", run).isEqualTo(first);
        }
        // next orders: c1's orders at 0, 2 and 9 days; the order at 2 days was folded last in some runs
        assertThat(first).contains("1|c1|" + T0 + "|" + T0.plus(Duration.ofDays(2)));
        assertThat(first).contains("2|c1|" + T0.plus(Duration.ofDays(2)) + "|" + T0.plus(Duration.ofDays(9)));
        assertThat(first).contains("3|c1|" + T0.plus(Duration.ofDays(9)) + "|null|" + T0.plus(Duration.ofDays(2)));
        assertThat(first).contains("1|c1|" + T0 + "|" + T0.plus(Duration.ofDays(2)) + "|null|");
        // retention per case: case1's customer from its order, first contact the call and email at 1 hour,
        // the decision; case2 withdrawn, never contacted
        String case1 = first.lines().filter(l -> l.startsWith("case1|1|c1|")).findFirst().orElseThrow();
        assertThat(case1).contains("|CANCEL|").endsWith("|1|false").doesNotContain("|-|");
        String case2 = first.lines().filter(l -> l.startsWith("case2|4|c2|")).findFirst().orElseThrow();
        assertThat(case2).endsWith("|-|-|-|-|true");

        rebuilding.rebuild();
        for (String p : prefixes) assertThat(snapshot(p)).isEqualTo(first);
    }

    private static List<Object> facts(String p) {
        List<Object> facts = new ArrayList<>();
        facts.add(order(p, "1", "c1", 0, 3000));
        facts.add(order(p, "2", "c1", 2, 1200));
        facts.add(order(p, "3", "c1", 9, 800));
        facts.add(order(p, "4", "c2", 1, 5000));
        facts.add(order(p, "5", "c2", 1, 5000)); // same instant as 4: neither is the other's next
        facts.add(new StockoutOpened(p + "case1", p + "1", 1, "SKU-A", "ALLOCATION_FAILED", 2,
                T0.plus(Duration.ofHours(5)), "NEXT_BUSINESS_DAY", false, false, null, false,
                T0.plus(Duration.ofMinutes(1))));
        facts.add(new StockoutOpened(p + "case2", p + "4", 2, "SKU-B", "DISPLACED", 1, T0.plus(Duration.ofHours(2)),
                "EXPRESS", true, true, LocalDate.parse("2026-04-02"), false, T0.plus(Duration.ofDays(1))));
        facts.add(new StockoutWithdrawn(p + "case2", p + "4", 2, "cancelled on the channel", "AMAZON", "X-1",
                T0.plus(Duration.ofDays(1).plusHours(1))));
        facts.add(new StockoutDecided(p + "case1", p + "1", 1, 1, Choice.CANCEL, 1, null, null, "CALL", 1500, 0, 0,
                false, "sato", T0.plus(Duration.ofHours(3))));
        facts.add(new CallReported(UUID.nameUUIDFromBytes((p + "call1").getBytes()), p + "case1", p + "1",
                CallOutcome.NO_ANSWER, "sato", List.of(), List.of("待たせた"), null, T0.plus(Duration.ofHours(1))));
        facts.add(new CallReported(UUID.nameUUIDFromBytes((p + "call2").getBytes()), p + "case1", p + "1",
                CallOutcome.CONNECTED, "sato", List.of("先に謝罪した", "入荷日を\"伝えた\""), List.of(),
                "まず謝る", T0.plus(Duration.ofHours(3))));
        facts.add(new EmailSent(UUID.nameUUIDFromBytes((p + "mail1").getBytes()), "<m1@zaiko>", p + "case1", p + "1",
                "MISSED_CALL", T0.plus(Duration.ofHours(1))));
        facts.add(new RefundCompleted(p + "refund1", p + "1", 1, "LINE_CANCELLED", "CARD", "CARD_REFUND", 1500,
                null, T0.plus(Duration.ofHours(4))));
        facts.add(new ApologyCouponIssued(p + "case1", p + "1", p + "COUPON", "AMOUNT", 500,
                LocalDate.parse("2026-06-30"), "EVERY_STOCKOUT", T0.plus(Duration.ofHours(4))));
        facts.add(new CouponRedeemed(p + "COUPON", p + "3", 500, T0.plus(Duration.ofDays(9))));
        return facts;
    }

    private static OrderPlaced order(String p, String n, String customer, int day, long price) {
        return new OrderPlaced(p + n, "WEB", p + customer, null, false,
                List.of(new PlacedLine(1, "SKU-A", 1, price, false), new PlacedLine(2, "SKU-B", 2, 700, true)),
                600, price + 1400 + 600, T0.plus(Duration.ofDays(day)));
    }

    /** Every core table's rows of one run, keys written without the run's prefix. */
    private String snapshot(String p) {
        List<String> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("""
                select order_number || '|' || customer_key || '|' || placed_at || '|' || coalesce(next_placed_at::text, 'null')
                       || '|' || coalesce(prev_placed_at::text, 'null') || '|' || channel || '|' || total || '|' || shipping_fee || '|' || b2b
                from insight_order where order_number like ? order by order_number""", String.class, p + "%")
                .stream().map(r -> r.replace(p, "")).map(InsightJournalTest::isoInstants).toList());
        for (String query : List.of(
                "select order_number || '|' || line_no || '|' || sku || '|' || quantity || '|' || unit_price || '|' || backordered from insight_order_line where order_number like ? order by 1",
                "select case_id || '|' || order_number || '|' || line_no || '|' || sku || '|' || reason || '|' || priority || '|' || detected_at || '|' || contact_deadline || '|' || express || '|' || gift || '|' || coalesce(needed_by::text, '-') from insight_case where case_id like ? order by 1",
                "select case_id || '|' || reason || '|' || channel || '|' || at from insight_case_withdrawal where case_id like ? order by 1",
                "select case_id || '|' || decided_line || '|' || choice || '|' || units || '|' || refund_amount || '|' || decided_at from insight_decision where case_id like ? order by 1",
                "select case_id || '|' || kind || '|' || outcome || '|' || at || '|' || helped::text || '|' || hurt::text || '|' || coalesce(lesson, '-') from insight_contact where case_id like ? order by 1",
                "select refund_id || '|' || amount || '|' || means || '|' || at from insight_refund where refund_id like ? order by 1",
                "select coupon_code || '|' || case_id || '|' || value from insight_coupon_issued where coupon_code like ? order by 1",
                "select coupon_code || '|' || order_number || '|' || discount from insight_coupon_redeemed where coupon_code like ? order by 1",
                "select case_id || '|' || order_number || '|' || coalesce(customer_key, '-') || '|' || detected_at || '|' || coalesce(contact_deadline::text, '-') || '|' || coalesce(first_contact_at::text, '-') || '|' || coalesce(choice, '-') || '|' || coalesce(choice_decided_at::text, '-') || '|' || coalesce(choice_decided_line::text, '-') || '|' || withdrawn from insight_retention_case where case_id like ? order by 1")) {
            rows.addAll(jdbc.queryForList(query, String.class, p + "%").stream().map(r -> r.replace(p, "")).toList());
        }
        assertThat(rows).hasSize(5 + 10 + 2 + 1 + 1 + 3 + 1 + 1 + 1 + 2);
        return String.join("\n", rows);
    }

    /** PostgreSQL's timestamptz text of the three instants in the order row, as ISO instants. */
    private static String isoInstants(String row) {
        String[] parts = row.split("\\|");
        for (int i = 2; i <= 4; i++) {
            if (!parts[i].equals("null")) {
                parts[i] = java.time.OffsetDateTime.parse(parts[i].replace(' ', 'T'),
                        new java.time.format.DateTimeFormatterBuilder()
                                .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                                .appendPattern("X").toFormatter()).toInstant().toString();
            }
        }
        return String.join("|", parts);
    }
}
