package dev.zaiko.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.ZaikoApplication;
import dev.zaiko.mail.Outbox;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.support.AllAtOnce;
import dev.zaiko.support.Jobs;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Two instances (two application contexts on one database of the test's own, each with its job
 * scheduler) reach the first business day together: both run the job and both are asked at the same
 * moment, and exactly one email goes out. Costs two application starts.
 */
class MonthlyReportAcrossInstancesTest {

    static ConfigurableApplicationContext start(HikariDataSource database, Path dataDir, String secretsKey) {
        return new SpringApplicationBuilder(ZaikoApplication.class).profiles("test")
                .run("--spring.datasource.url=" + database.getJdbcUrl(), "--spring.datasource.username=postgres",
                        "--zaiko.data-dir=" + dataDir.toAbsolutePath(), "--zaiko.secrets.key=" + secretsKey,
                        "--server.port=0", "--zaiko.insight.report-recipients=boss@example.jp,floor@example.jp");
    }

    /** Empty: the first instance migrates it as a shop's first start would (its Java migrations too). */
    static HikariDataSource emptyDatabase() {
        HikariDataSource database = TestDatabase.fresh(4);
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.execute("drop schema public cascade");
        jdbc.execute("create schema public");
        return database;
    }

    /** A clock that reads the earlier of two clocks' instants. */
    static Clock earlierOf(Clock a, Clock b) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return a.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                Instant x = a.instant();
                Instant y = b.instant();
                return x.isBefore(y) ? x : y;
            }
        };
    }

    @Test
    void twoInstancesOnOneDatabaseSendTheMonthsReportOnce() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secretsKey = Base64.getEncoder().encodeToString(key);
        Path dataDir = Path.of("target", "zaiko-test-data", "report-instances-" + UUID.randomUUID());
        HikariDataSource database = emptyDatabase();
        try (database;
             ConfigurableApplicationContext one = start(database, dataDir.resolve("one"), secretsKey);
             ConfigurableApplicationContext two = start(database, dataDir.resolve("two"), secretsKey)) {
            SendingMonthlyReports first = one.getBean(SendingMonthlyReports.class);
            SendingMonthlyReports second = two.getBean(SendingMonthlyReports.class);
            MovableClock clockOne = one.getBean(MovableClock.class);
            MovableClock clockTwo = two.getBean(MovableClock.class);
            YearMonth month = MonthlyStockoutReportEmailTest.monthStartingOnADayOff(first, clockOne);
            YearMonth reported = month.minusMonths(1);
            MonthlyStockoutReportEmailTest.moveTo(clockOne, first.sendingDay(month), LocalTime.of(9, 0));
            MonthlyStockoutReportEmailTest.moveTo(clockTwo, first.sendingDay(month), LocalTime.of(9, 0));

            List<Optional<YearMonth>> answers = AllAtOnce.run(List.of(first::sendIfDue, second::sendIfDue));
            // each instance's own job may have been quicker (moving the clock made it due): at most one of the two
            assertThat(answers.stream().filter(Optional::isPresent).count()).as("sent by both asked at once").isLessThanOrEqualTo(1);
            // either instance may run the job, and it records its run by its own clock: the two clocks were moved
            // a few milliseconds apart, so "a run after now" is judged by the one that is behind
            Clock behind = earlierOf(clockOne, clockTwo);
            Jobs.runRecurring(one.getBean(JobScheduler.class), behind, StockoutReportJobs.MONTHLY_REPORT);
            Jobs.runRecurring(two.getBean(JobScheduler.class), behind, StockoutReportJobs.MONTHLY_REPORT);

            JdbcTemplate jdbc = new JdbcTemplate(database);
            assertThat(jdbc.queryForObject("select count(*) from insight_report_sent where month = ?", Integer.class,
                    reported.toString())).isEqualTo(1);
            assertThat(MonthlyStockoutReportEmailTest.reportEmails(one.getBean(Outbox.class), reported))
                    .extracting(e -> e.to()).containsExactlyInAnyOrder("boss@example.jp", "floor@example.jp");
        } finally {
            FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }
}
