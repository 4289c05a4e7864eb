package dev.zaiko.refund;

import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The refund module's durable jobs: one execution per refund that attempts it and reschedules
 * itself at the refund's next attempt (db-scheduler runs each execution on one instance at a
 * time, and runs it again after a crash), and a recurring sweep for bank-account reminders and
 * deadlines (the deadline is read from each refund, so a missed run loses nothing).
 */
@Configuration(proxyBeanMethods = false)
class RefundJobs {

    static final String ATTEMPT_TASK = "refund-attempt";
    static final String ACCOUNT_DEADLINES = "refund-account-deadlines";
    static final TaskDescriptor<Void> ATTEMPT = TaskDescriptor.of(ATTEMPT_TASK);

    /** Refunds reminded or moved per sweep at most; the next sweep takes the rest. */
    static final int PER_RUN = 500;

    @Bean
    CustomTask<Void> refundAttempt(CompletingRefunds completing, RefundProperties properties) {
        return Tasks.custom(ATTEMPT)
                // a failure outside the refund's own handling (the database away): try again later
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(properties.firstRetryAfter(), 2.0))
                .execute((instance, context) -> {
                    CompletingRefunds.Next next = completing.attempt(UUID.fromString(instance.getId()));
                    if (next.retryAt() == null) return new CompletionHandler.OnCompleteRemove<>();
                    return (complete, operations) -> operations.reschedule(complete, next.retryAt());
                });
    }

    @Bean
    RecurringTask<Void> accountDeadlines(ApplyingAccountDeadlines deadlines, RefundProperties properties) {
        return Tasks.recurring(ACCOUNT_DEADLINES, FixedDelay.of(properties.deadlineCheckEvery()))
                .execute((instance, context) -> deadlines.apply(PER_RUN));
    }
}
