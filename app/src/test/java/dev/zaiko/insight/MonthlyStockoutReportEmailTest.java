package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import dev.zaiko.access.ConsoleUsers;
import dev.zaiko.access.Role;
import dev.zaiko.mail.Outbox;
import dev.zaiko.mail.OutboxQuery;
import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The monthly report's email goes out on the first business day of the month, about the month before,
 * once: the day before (a weekend day after the 1st) sends nothing, the first business day sends one,
 * and running the job again sends nothing more. It goes to the enabled supervisors and admins that have
 * an email address, each in their own language; with none, to the shop's own address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MonthlyStockoutReportEmailTest {

    @Autowired
    MovableClock clock;

    @Autowired
    JobScheduler jobs;

    @Autowired
    SendingMonthlyReports sending;

    @Autowired
    Outbox outbox;

    @Autowired
    ConsoleUsers users;

    @Autowired
    JdbcTemplate jdbc;

    /** Users made with an email by a test, disabled afterwards so other reports go where they went before. */
    final List<String> madeWithEmail = new ArrayList<>();

    @AfterEach
    void realTime() {
        clock.reset();
        madeWithEmail.forEach(u -> users.change(u, null, null, null, false, "test"));
    }

    String user(Role role, String locale, String email) {
        String username = ShopApi.unique("rcpt").toLowerCase();
        users.create(new ConsoleUsers.NewUser(username, null, role, locale, "long enough password", email), "test");
        if (email != null) madeWithEmail.add(username);
        return username;
    }

    /** A month at least two ahead whose 1st is no business day (a weekend or a holiday), so the email waits. */
    static YearMonth monthStartingOnADayOff(SendingMonthlyReports sending, Clock clock) {
        YearMonth m = YearMonth.now(clock).plusMonths(2);
        while (sending.sendingDay(m).equals(m.atDay(1))) m = m.plusMonths(1);
        return m;
    }

    static void moveTo(MovableClock clock, LocalDate day, LocalTime time) {
        Instant target = day.atTime(time).atZone(clock.getZone()).toInstant();
        clock.advance(Duration.between(clock.instant(), target));
    }

    static List<QueuedEmail> reportEmails(Outbox outbox, YearMonth month) {
        return outbox.list(new OutboxQuery(null, "insight-report:" + month, null, SendingMonthlyReports.KIND, null, 0, 50));
    }

    @Test
    void aMonthThatEndedBeforeInsightStartedGetsNoReport() {
        // this database started today: last month ended before it, whatever day of the month it is
        YearMonth lastMonth = YearMonth.now(clock).minusMonths(1);
        assertThat(sending.sendIfDue()).isEmpty();
        Jobs.runRecurring(jobs, clock, StockoutReportJobs.MONTHLY_REPORT);
        assertThat(reportEmails(outbox, lastMonth)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from insight_report_sent where month = ?", Integer.class,
                lastMonth.toString())).isZero();
    }

    @Test
    void theReportEmailGoesOutOnceOnTheFirstBusinessDayAboutTheMonthBefore() {
        YearMonth month = monthStartingOnADayOff(sending, clock);
        YearMonth reported = month.minusMonths(1);
        LocalDate sendingDay = sending.sendingDay(month);
        assertThat(sendingDay).isAfter(month.atDay(1));

        moveTo(clock, sendingDay.minusDays(1), LocalTime.of(10, 0));
        Jobs.runRecurring(jobs, clock, StockoutReportJobs.MONTHLY_REPORT);
        assertThat(reportEmails(outbox, reported)).as("the day before the first business day").isEmpty();

        moveTo(clock, sendingDay, LocalTime.of(9, 0));
        Jobs.runRecurring(jobs, clock, StockoutReportJobs.MONTHLY_REPORT);
        List<QueuedEmail> sent = reportEmails(outbox, reported);
        assertThat(sent).hasSize(1);
        QueuedEmail email = sent.get(0);
        assertThat(email.to()).isEqualTo("shop@zaiko.localhost"); // no recipients configured: the shop's own address
        assertThat(email.subject()).contains(reported.toString()).contains("月次欠品レポート");
        assertThat(email.text()).contains("欠品件数")
                .contains("http://localhost:8080/insight?from=" + reported + "&to=" + reported)
                .contains("http://localhost:8080/insight/report.csv?from=" + reported + "&to=" + reported);

        Jobs.runRecurring(jobs, clock, StockoutReportJobs.MONTHLY_REPORT);
        assertThat(sending.sendIfDue()).as("asked again the same day").isEmpty();
        assertThat(reportEmails(outbox, reported)).hasSize(1);
    }

    @Test
    void theReportEmailGoesToEachEnabledSupervisorWithAnEmailInTheirOwnLanguage() {
        String tag = ShopApi.unique("r").toLowerCase();
        user(Role.SUPERVISOR, "ja", "ja-" + tag + "@example.jp");
        user(Role.ADMIN, "en", "EN-" + tag + "@Example.jp");
        user(Role.OPERATOR, "ja", "op-" + tag + "@example.jp");
        String disabled = user(Role.SUPERVISOR, "ja", "off-" + tag + "@example.jp");
        users.change(disabled, null, null, null, false, "test");
        user(Role.SUPERVISOR, "en", null);

        // a month whose 1st is a business day: never the one the test above picks
        YearMonth month = YearMonth.now(clock).plusMonths(2);
        while (!sending.sendingDay(month).equals(month.atDay(1)) || Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from insight_report_sent where month = ?)", Boolean.class,
                month.minusMonths(1).toString()))) {
            month = month.plusMonths(1);
        }
        YearMonth reported = month.minusMonths(1);
        moveTo(clock, sending.sendingDay(month), LocalTime.of(9, 0));
        Jobs.runRecurring(jobs, clock, StockoutReportJobs.MONTHLY_REPORT);

        List<QueuedEmail> sent = reportEmails(outbox, reported);
        assertThat(sent).extracting(QueuedEmail::to).as("not the operator, the disabled supervisor or the shop")
                .containsExactlyInAnyOrder("ja-" + tag + "@example.jp", "en-" + tag + "@example.jp");
        QueuedEmail ja = sent.stream().filter(e -> e.to().startsWith("ja-")).findFirst().orElseThrow();
        QueuedEmail en = sent.stream().filter(e -> e.to().startsWith("en-")).findFirst().orElseThrow();
        assertThat(ja.subject()).contains("月次欠品レポート").contains(reported.toString());
        assertThat(ja.text()).contains("欠品件数");
        assertThat(en.subject()).contains("Stockout report for " + reported);
        assertThat(en.text()).doesNotContain("欠品件数");
        assertThat(jdbc.queryForObject("select recipients from insight_report_sent where month = ?", Integer.class,
                reported.toString())).isEqualTo(2);
    }
}
