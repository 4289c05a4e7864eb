package dev.zaiko.connector;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
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

    /** Every {@code zaiko.connector.orders.tick}, on one instance: the orders of every channel whose pull is due. */
    @Bean
    RecurringTask<Void> connectorOrderPull(ImportingOrders importing, OrdersInProperties properties) {
        return Tasks.recurring("connector-order-pull", FixedDelay.of(properties.tick()))
                .execute((instance, context) -> importing.pullDue());
    }

    /**
     * Every {@code zaiko.connector.till-sales.tick}, on one instance: the till sales of every channel whose
     * till-sale pull is due (a POS platform's channel; the others answer at once that they have no till).
     */
    @Bean
    RecurringTask<Void> connectorTillSalePull(ImportingTillSales importing, TillSalesInProperties properties) {
        return Tasks.recurring("connector-till-sale-pull", FixedDelay.of(properties.tick()))
                .execute((instance, context) -> importing.pullDue());
    }

    /**
     * Every minute (or every {@code zaiko.connector.async-answer-within} if shorter), on one instance:
     * asynchronous pushes the platform never answered are pushed again, old answered ones purged.
     */
    @Bean
    RecurringTask<Void> connectorAsyncAnswers(FollowingAsyncPushes async, ConnectorProperties properties) {
        java.time.Duration every = properties.asyncAnswerWithin().compareTo(java.time.Duration.ofMinutes(1)) < 0
                ? properties.asyncAnswerWithin() : java.time.Duration.ofMinutes(1);
        return Tasks.recurring(FollowingAsyncPushes.TASK, FixedDelay.of(every))
                .execute((instance, context) -> async.sweep());
    }

    /**
     * One execution per stock-out cancellation ({@code <order number>/<line>}): each run is one call
     * to the platform, rescheduled at the cancellation's next attempt until it has a final answer.
     */
    @Bean
    CustomTask<Void> connectorCancellation(CancellingOnThePlatform cancelling, ConnectorProperties properties) {
        return Tasks.custom(CancellingOnThePlatform.JOB)
                // a failure outside the cancellation's own handling (the database away): try again later
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(properties.cancelRetry(), 2.0))
                .execute((instance, context) -> {
                    String id = instance.getId();
                    int slash = id.lastIndexOf('/');
                    CancellingOnThePlatform.Next next = cancelling.attempt(id.substring(0, slash),
                            Integer.parseInt(id.substring(slash + 1)));
                    if (next.at() == null) return new CompletionHandler.OnCompleteRemove<>();
                    return (complete, operations) -> operations.reschedule(complete, next.at());
                });
    }

    /**
     * One execution per bulk push (its id): each run is one look at the platform's processing,
     * rescheduled at the next look until the push is DONE or FAILED.
     */
    @Bean
    CustomTask<Void> connectorBulkPush(PushingInBulk bulk, ConnectorProperties properties) {
        return Tasks.custom(PushingInBulk.JOB)
                // a failure outside the look's own handling (the database away): try again later
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(properties.bulkFollow(), 2.0))
                .execute((instance, context) -> {
                    PushingInBulk.Next next = bulk.follow(Long.parseLong(instance.getId()));
                    if (next.at() == null) return new CompletionHandler.OnCompleteRemove<>();
                    return (complete, operations) -> operations.reschedule(complete, next.at());
                });
    }

    /**
     * One execution per stored Shopify webhook delivery (its id), scheduled in the transaction that
     * stored it: the delivery is taken into the orders once the answer has gone, and again after a
     * crash until the run completes.
     */
    @Bean
    CustomTask<Void> connectorShopifyWebhook(ReceivingShopifyWebhooks webhooks) {
        return Tasks.custom(ReceivingShopifyWebhooks.JOB)
                // a failure outside the order path's own handling (the database away): try again later
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(java.time.Duration.ofSeconds(10), 2.0))
                .execute((instance, context) -> {
                    webhooks.process(Long.parseLong(instance.getId()));
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }
}
