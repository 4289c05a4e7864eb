package dev.zaiko.deal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The waitlists' durable job (db-scheduler; the platform runs every task bean). */
@Configuration(proxyBeanMethods = false)
class WaitlistJobs {

    static final String CATCH_UP = "deal-waitlist-catch-up";

    @Bean
    RecurringTask<Void> waitlistCatchUp(OfferingWaitlistUnits offering, WaitlistProperties properties) {
        return Tasks.recurring(CATCH_UP, FixedDelay.of(properties.waitlistCheckEvery()))
                .execute((instance, context) -> offering.catchUp());
    }
}
