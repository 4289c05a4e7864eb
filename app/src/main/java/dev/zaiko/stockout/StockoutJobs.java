package dev.zaiko.stockout;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stockout module's durable job: the shop's default decision for every case whose customer
 * did not answer in time. A recurring sweep rather than one timer per case, because the
 * deadline moves (it counts from when the customer was given the options): the sweep reads it
 * from the case's state, so a restart, a moved deadline or a missed run cannot lose a case, and
 * db-scheduler runs it on one instance at a time. Each case is decided under its row lock and
 * re-checked there, so a second run (or a customer deciding at the same moment) changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class StockoutJobs {

    static final String DEFAULT_DECISIONS = "stockout-default-decisions";

    /** Cases decided per run at most; the next run takes the rest. */
    static final int PER_RUN = 500;

    @Bean
    RecurringTask<Void> defaultDecisions(DecidingStockout deciding, StockoutOptionsProperties properties) {
        return Tasks.recurring(DEFAULT_DECISIONS, FixedDelay.of(properties.defaultCheckEvery()))
                .execute((instance, context) -> deciding.applyDefaults(PER_RUN));
    }
}
