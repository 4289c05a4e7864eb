package dev.zaiko.insight;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recurring job that sends the monthly stockout report (hourly by default): each run only looks
 * whether this month's email is due, so a missed run or a second instance changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class StockoutReportJobs {

    static final String MONTHLY_REPORT = "insight-monthly-report";

    @Bean
    RecurringTask<Void> monthlyStockoutReport(SendingMonthlyReports sending, StockoutReportProperties properties) {
        return Tasks.recurring(MONTHLY_REPORT, FixedDelay.of(properties.reportCheckEvery()))
                .execute((instance, context) -> sending.sendIfDue());
    }
}
