package dev.zaiko.platform;

import java.time.Clock;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler, built here because its Spring Boot starter (16.2.0) is written for Spring Boot 3
 * and refers to classes Spring Boot 4 moved. A module contributes a job by declaring a
 * {@code RecurringTask} or {@code OneTimeTask} bean; see docs/events-and-jobs.md.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    /**
     * For modules that schedule executions: joins the caller's transaction, so an execution is
     * scheduled exactly when the change that needs it commits. It knows no tasks (scheduling needs
     * only a task's name), so a module's task bean may depend on a class that schedules.
     */
    @Bean
    SchedulerClient schedulerClient(DataSource dataSource) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource)).build();
    }

    @Bean
    @DependsOnDatabaseInitialization
    JobScheduler jobScheduler(DataSource dataSource, ObjectProvider<Task<?>> tasks, Clock clock,
                              JobsProperties properties) {
        String name = JobScheduler.instanceName();
        return new JobScheduler(() -> {
            OrphanedExecutions.release(dataSource, name); // a kill -9 of this host's last instance: go on now
            return JobScheduler.build(dataSource, tasks.orderedStream().toList(), clock, properties, name);
        }, clock);
    }
}
