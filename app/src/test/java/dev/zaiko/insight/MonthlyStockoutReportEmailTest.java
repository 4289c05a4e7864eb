package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;

import dev.zaiko.mail.Outbox;
import dev.zaiko.mail.OutboxQuery;
import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The monthly report's email goes out on the first business day of the month, about the month before,
 * once: the day before (a weekend day after the 1st) sends nothing, the first business day sends one,
 * and running the job again sends nothing more.
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

    @AfterEach
    void realTime() {
        clock.reset();
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
}
