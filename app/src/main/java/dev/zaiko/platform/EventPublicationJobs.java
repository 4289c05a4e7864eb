package dev.zaiko.platform;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registry's housekeeping as durable jobs: one instance at a time, surviving restarts. */
@Configuration(proxyBeanMethods = false)
class EventPublicationJobs {

    @Bean
    RecurringTask<Void> eventPublicationsRetry(RetryingEventPublications retrying, EventsProperties properties) {
        return Tasks.recurring(RetryingEventPublications.TASK, FixedDelay.of(properties.retryEvery()))
                .execute((instance, context) -> retrying.retry());
    }

    @Bean
    RecurringTask<Void> eventPublicationsCleanup(ForgettingCompletedEventPublications forgetting,
                                                 EventsProperties properties) {
        return Tasks.recurring(ForgettingCompletedEventPublications.TASK, FixedDelay.of(properties.cleanupEvery()))
                .execute((instance, context) -> forgetting.forget());
    }
}
