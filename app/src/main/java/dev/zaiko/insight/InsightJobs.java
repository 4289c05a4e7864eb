package dev.zaiko.insight;

import java.time.Clock;
import java.time.LocalTime;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Insight's durable jobs (db-scheduler; once across instances). The stock history: every day just
 * after midnight in the shop's time zone it records every SKU on every channel, so each day has its
 * row even when nothing changed (the close carried forward), and a look the live follower lost is
 * healed within a day. The reorder suggestions and the display suggestions: recomputed into their
 * tables every few minutes.
 */
@Configuration(proxyBeanMethods = false)
class InsightJobs {

    static final String STOCK_DAYS_TASK = "insight-stock-days";
    static final String REORDER_REFRESH_TASK = "insight-reorder-refresh";
    static final String DISPLAY_REFRESH_TASK = "insight-display-refresh";
    static final LocalTime STOCK_DAYS_AT = LocalTime.of(0, 1);
    private static final Logger log = LoggerFactory.getLogger(InsightJobs.class);

    /**
     * Every {@code zaiko.insight.reorder-refresh-every} (default 10 minutes) the stored reorder
     * suggestions are recomputed for every SKU (docs/insight-reorder.md#freshness).
     */
    @Bean
    RecurringTask<Void> insightReorderRefresh(ReorderSuggestionTable table, ReorderProperties properties) {
        return Tasks.recurring(REORDER_REFRESH_TASK, FixedDelay.of(properties.reorderRefreshEvery()))
                .execute((instance, context) -> table.refresh());
    }

    /** At start, a stored list that is missing or older than the refresh interval is recomputed at once. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> insightReorderRefreshAtStart(ReorderSuggestionTable table,
                                                                           ReorderProperties properties) {
        return event -> {
            try {
                if (table.staleAfter(properties.reorderRefreshEvery())) table.refresh();
            } catch (RuntimeException e) {
                log.error("Could not recompute the reorder suggestions at start; the job will", e);
            }
        };
    }

    /**
     * Every {@code zaiko.insight.reorder-refresh-every} (default 10 minutes) the stored display
     * suggestions are recomputed in full (failures age out of the look-back, thresholds change); a
     * case recorded live or a decision refreshes its SKU at once (docs/insight-history.md#display-feedback).
     */
    @Bean
    RecurringTask<Void> insightDisplayRefresh(DisplayFeedback display, ReorderProperties properties) {
        return Tasks.recurring(DISPLAY_REFRESH_TASK, FixedDelay.of(properties.reorderRefreshEvery()))
                .execute((instance, context) -> display.refresh());
    }

    /** At start, a stored display list that is missing or older than the refresh interval is recomputed at once. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> insightDisplayRefreshAtStart(DisplayFeedback display,
                                                                           ReorderProperties properties) {
        return event -> {
            try {
                if (display.staleAfter(properties.reorderRefreshEvery())) display.refresh();
            } catch (RuntimeException e) {
                log.error("Could not recompute the display suggestions at start; the job will", e);
            }
        };
    }

    @Bean
    RecurringTask<Void> insightStockDays(StockDays days, Clock clock,
                                         @org.springframework.beans.factory.annotation.Value(
                                                 "${zaiko.insight.daily-stock-sweep:true}") boolean sweep) {
        return Tasks.recurring(STOCK_DAYS_TASK, Schedules.daily(clock.getZone(), STOCK_DAYS_AT))
                .execute((instance, context) -> {
                    if (!sweep) return; // zaiko.insight.daily-stock-sweep=false: only stock changes make rows
                    int skus = days.lookAtAll();
                    log.info("insight recorded the day's stock of {} SKU(s)", skus);
                });
    }
}
