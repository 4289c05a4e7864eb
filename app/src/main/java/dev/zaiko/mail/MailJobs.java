package dev.zaiko.mail;

import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One durable execution per email (instance id = the email's id) that attempts its delivery and
 * reschedules itself at the next attempt; db-scheduler runs each execution on one instance at a
 * time, and again after a crash.
 */
@Configuration(proxyBeanMethods = false)
class MailJobs {

    static final String DELIVERY_TASK = "mail-delivery";
    static final TaskDescriptor<Void> DELIVERY = TaskDescriptor.of(DELIVERY_TASK);

    @Bean
    CustomTask<Void> mailDelivery(DeliveringEmails delivering, MailOutboxProperties properties) {
        return Tasks.custom(DELIVERY)
                // a failure outside the attempt's own handling (the database away): try again later
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(properties.firstRetry(), 2.0))
                .execute((instance, context) -> {
                    DeliveringEmails.Next next = delivering.deliver(UUID.fromString(instance.getId()));
                    if (next.at() == null) return new CompletionHandler.OnCompleteRemove<>();
                    return (complete, operations) -> operations.reschedule(complete, next.at());
                });
    }
}
