package dev.zaiko.deal;

import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deal module's durable jobs: a timer at each deal's start and one at its end (scheduled
 * with the plan, in its transaction), and a recurring catch-up that starts and ends whatever is
 * due (a timer lost to a change of plan, or time that passed while Zaiko was down: the recurring
 * execution is overdue at start-up and runs at once). All of them decide under the deal's row lock
 * from its status, so a deal starts and ends once however many of them run, on however many
 * instances.
 */
@Configuration(proxyBeanMethods = false)
class DealJobs {

    static final TaskDescriptor<Void> START = TaskDescriptor.of("deal-start");
    static final TaskDescriptor<Void> END = TaskDescriptor.of("deal-end");
    static final String WINDOWS = "deal-windows";

    /** Deals started or ended per catch-up run at most; the next run takes the rest. */
    static final int PER_RUN = 200;

    /** The timer's instance: the deal and the moment, so a changed deal gets a timer of its own. */
    static String instanceId(String code, Instant at) {
        return code + "@" + at.toEpochMilli();
    }

    static String codeOf(String instanceId) {
        return instanceId.substring(0, instanceId.lastIndexOf('@'));
    }

    @Bean
    OneTimeTask<Void> dealStart(StartingDeals starting) {
        return Tasks.oneTime(START)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(10)))
                .execute((instance, context) -> starting.startIfDue(codeOf(instance.getId())));
    }

    @Bean
    OneTimeTask<Void> dealEnd(EndingDeals ending) {
        return Tasks.oneTime(END)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(10)))
                .execute((instance, context) -> ending.endIfDue(codeOf(instance.getId())));
    }

    @Bean
    RecurringTask<Void> dealWindows(CatchingUpOnDealWindows catchingUp, DealProperties properties) {
        return Tasks.recurring(WINDOWS, FixedDelay.of(properties.windowCheckEvery()))
                .execute((instance, context) -> catchingUp.catchUp(PER_RUN));
    }
}
