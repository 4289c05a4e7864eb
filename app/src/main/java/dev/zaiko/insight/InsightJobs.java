package dev.zaiko.insight;

import java.time.Clock;
import java.time.LocalTime;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Insight's durable job for the stock history (db-scheduler; once across instances): every day just
 * after midnight in the shop's time zone it records every SKU on every channel, so each day has its
 * row even when nothing changed (the close carried forward), and a look the live follower lost is
 * healed within a day.
 */
@Configuration(proxyBeanMethods = false)
class InsightJobs {

    static final String STOCK_DAYS_TASK = "insight-stock-days";
    static final LocalTime STOCK_DAYS_AT = LocalTime.of(0, 1);
    private static final Logger log = LoggerFactory.getLogger(InsightJobs.class);

    @Bean
    RecurringTask<Void> insightStockDays(StockDays days, Clock clock) {
        return Tasks.recurring(STOCK_DAYS_TASK, Schedules.daily(clock.getZone(), STOCK_DAYS_AT))
                .execute((instance, context) -> {
                    int skus = days.lookAtAll();
                    log.info("insight recorded the day's stock of {} SKU(s)", skus);
                });
    }
}
