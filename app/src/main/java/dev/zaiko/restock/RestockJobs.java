package dev.zaiko.restock;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The restock module's durable job (db-scheduler; the platform runs every task bean, once across
 * instances): every {@code zaiko.restock.catch-up-every} it expires public subscriptions whose
 * confirm link was not followed within {@code confirm-within}, and looks at every queue with people
 * waiting or a round open, which notifies what a crash or a failed look left owed.
 */
@Configuration(proxyBeanMethods = false)
class RestockJobs {

    static final String TASK = "restock-alerts-catch-up";
    private static final Logger log = LoggerFactory.getLogger(RestockJobs.class);

    @Bean
    RecurringTask<Void> restockAlertsCatchUp(NotifyingRestockAlerts notifying, AlertStore store,
                                             RestockProperties properties, Clock clock) {
        return Tasks.recurring(TASK, FixedDelay.of(properties.catchUpEvery())).execute((instance, context) -> {
            int expired = store.expire(clock.instant().minus(properties.confirmWithin()));
            if (expired > 0) log.info("{} unconfirmed restock alert(s) expired", expired);
            for (String[] queue : store.queuesToLookAt(null)) {
                try {
                    notifying.notify(queue[0], queue[1]);
                } catch (RuntimeException e) {
                    log.error("Could not notify the restock alerts of {} on {}", queue[0], queue[1], e);
                }
            }
        });
    }
}
