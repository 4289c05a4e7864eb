package dev.zaiko.connector;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connector module's durable jobs (db-scheduler; the platform runs every task bean). */
@Configuration(proxyBeanMethods = false)
class ConnectorJobs {

    /** Every {@code zaiko.connector.drift-interval}, on one instance: every connected channel's drift check. */
    @Bean
    RecurringTask<Void> connectorDrift(FindingDrift drift, ConnectorProperties properties) {
        return Tasks.recurring(FindingDrift.TASK, FixedDelay.of(properties.driftInterval()))
                .execute((instance, context) -> drift.checkAll());
    }
}
