package dev.zaiko.order;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order module's durable jobs (db-scheduler; the platform runs every task bean). */
@Configuration(proxyBeanMethods = false)
class OrderJobs {

    @Bean
    RecurringTask<Void> backordersAged(AnnouncingAgedBackorders announcing, BackorderAgingProperties properties) {
        return Tasks.recurring(AnnouncingAgedBackorders.TASK, FixedDelay.of(properties.backorderAgedCheckEvery()))
                .execute((instance, context) -> announcing.announce());
    }

    @Bean
    RecurringTask<Void> backordersFollowStockChanges(CatchingUpOnReleasedStock catchingUp,
                                                     BackorderFollowingProperties properties) {
        return Tasks.recurring(CatchingUpOnReleasedStock.TASK, FixedDelay.of(properties.stockChangesFollowEvery()))
                .execute((instance, context) -> catchingUp.catchUp());
    }
}
