package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The insight bench, tiny, against a real Zaiko: the data set it writes is a consistent shop (every
 * case on a real line, each order's next order the customer's next, money only where a decision
 * paid it), and every page it times answers. Speed is not asserted.
 */
class InsightBenchTest {

    private static final String PASSWORD = "bench-test-admin-password-0123456789";

    private static ZaikoServer server;
    private static List<InsightDataSet.Step> steps;

    @BeforeAll
    static void aSmallYear() throws Exception {
        server = ZaikoServer.start("--zaiko.access.admin-password=" + PASSWORD);
        Clock clock = server.bean(Clock.class);
        InsightBench.registerProducts(server, 50);
        steps = InsightDataSet.write(server.jdbc(), new InsightDataSet.Size(50, 3_000, 800, 12, 0.3),
                clock.getZone(), LocalDate.now(clock));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void theDataSetHasTheOrdersAskedForAndEveryCaseIsOnARealLine() {
        JdbcTemplate jdbc = server.jdbc();
        assertThat(steps.get(0).rows()).isEqualTo(3_000);
        assertThat(count(jdbc, "select count(*) from insight_order where order_number like 'BENCH-%'")).isEqualTo(3_000);
        assertThat(count(jdbc, "select count(distinct sku) from insight_order_line where order_number like 'BENCH-%'"))
                .isBetween(20L, 50L);
        assertThat(count(jdbc, """
                select count(*) from insight_case c where c.case_id like 'BENCH-%'
                and not exists (select 1 from insight_order_line l where l.order_number = c.order_number
                                and l.line_no = c.line_no and l.sku = c.sku)""")).isZero();
        assertThat(count(jdbc, "select count(*) from insight_case where case_id like 'BENCH-%'")).isPositive();
    }

    @Test
    void eachOrdersNextAndPreviousOrdersAreTheSameCustomersOnes() {
        assertThat(count(server.jdbc(), """
                select count(*) from insight_order o where o.order_number like 'BENCH-%'
                and o.next_placed_at is distinct from (select min(n.placed_at) from insight_order n
                                                       where n.customer_key = o.customer_key and n.placed_at > o.placed_at)
                or o.prev_placed_at is distinct from (select max(n.placed_at) from insight_order n
                                                      where n.customer_key = o.customer_key and n.placed_at < o.placed_at)""")).isZero();
    }

    @Test
    void everyCaseHasItsRetentionRowAsTheFoldingWouldMakeIt() {
        JdbcTemplate jdbc = server.jdbc();
        assertThat(count(jdbc, "select count(*) from insight_retention_case where case_id like 'BENCH-%'"))
                .isEqualTo(count(jdbc, "select count(*) from insight_case where case_id like 'BENCH-%'"));
        assertThat(count(jdbc, """
                select count(*) from insight_retention_case r join insight_case c using (case_id)
                join insight_order o on o.order_number = c.order_number
                where r.case_id like 'BENCH-%' and (
                   r.customer_key is distinct from o.customer_key or r.detected_at <> c.detected_at
                   or r.contact_deadline is distinct from c.contact_deadline
                   or r.first_contact_at is distinct from (select min(t.at) from insight_contact t
                                                           where t.case_id = c.case_id and t.at >= c.detected_at)
                   or r.choice is distinct from (select d.choice from insight_decision d where d.case_id = c.case_id
                                                 order by d.decided_at desc, d.decided_line desc limit 1)
                   or r.withdrawn <> exists (select 1 from insight_case_withdrawal w where w.case_id = c.case_id))"""))
                .isZero();
        assertThat(count(jdbc, """
                select count(*) from insight_retention_case where case_id like 'BENCH-%'
                and first_contact_at is not null and choice is not null""")).isPositive();
    }

    @Test
    void everySkuHasItsDemandAndWhatEachChannelCouldSell() {
        JdbcTemplate jdbc = server.jdbc();
        assertThat(count(jdbc, """
                select coalesce(sum(ordered_units), 0) from insight_sku_demand where sku like 'BENCH-%'""")).isEqualTo(
                count(jdbc, "select sum(quantity) from insight_order_line where order_number like 'BENCH-%'"));
        // from the first of the month a year ago to today: the roll-up for the eleven months before last
        // month, day rows (rolled up by the trigger) for last month and this one; three channels
        assertThat(count(jdbc, "select count(*) from insight_stock_month where sku like 'BENCH-%'"))
                .isEqualTo(50L * 3 * 13);
        assertThat(count(jdbc, "select count(*) from insight_stock_month where outs & ~seen <> 0")).isZero();
    }

    @Test
    void moneyGoesBackOnlyWhereADecisionCancelledUnits() {
        JdbcTemplate jdbc = server.jdbc();
        assertThat(count(jdbc, """
                select count(*) from insight_refund r where r.refund_id like 'BENCH-%' and not exists (
                  select 1 from insight_decision d where d.order_number = r.order_number and d.line_no = r.line_no
                  and d.choice in ('CANCEL', 'PARTIAL') and d.refund_amount = r.amount)""")).isZero();
        assertThat(count(jdbc, """
                select count(*) from insight_coupon_redeemed r where r.coupon_code like 'BENCH-%'
                and not exists (select 1 from insight_coupon_issued i where i.coupon_code = r.coupon_code)""")).isZero();
    }

    @Test
    void everyTimedPageAnswers() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        InsightBench.signIn(browser, server, PASSWORD);
        List<InsightBench.Timing> timings = InsightBench.timeAll(browser, server,
                InsightBench.Options.parse("--warmup=0", "--repeats=1"));
        assertThat(timings).hasSize(InsightBench.PAGES.size() + InsightBench.API.size() + 1);
        assertThat(timings).allSatisfy(t -> assertThat(t.status()).as(t.path()).isEqualTo(200));
    }

    @Test
    void unknownOptionsAreRefused() {
        assertThatThrownBy(() -> InsightBench.Options.parse("--sku=10")).hasMessageContaining("--sku=10");
        assertThat(InsightBench.Options.parse("--hold=600").holdSeconds()).isEqualTo(600);
        assertThat(InsightBench.Options.parse().holdSeconds()).as("by default it stops when done").isZero();
        assertThatThrownBy(() -> InsightBench.Options.parse("--orders=many")).hasMessageContaining("not a number");
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
