package dev.zaiko.inventory;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory module's durable jobs (db-scheduler; the platform runs every task bean). */
@Configuration(proxyBeanMethods = false)
class InventoryJobs {

    @Bean
    RecurringTask<Void> stockChangesCleanup(ForgettingStockChanges forgetting, StockChangesProperties properties) {
        return Tasks.recurring(ForgettingStockChanges.TASK, FixedDelay.of(properties.forgetEvery()))
                .execute((instance, context) -> forgetting.forget());
    }
}
