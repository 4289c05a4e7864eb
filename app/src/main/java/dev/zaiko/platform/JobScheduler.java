package dev.zaiko.platform;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * This instance's db-scheduler: it runs every {@link Task} bean of every module (recurring ones
 * are scheduled when it starts), on the application's {@link Clock}, and stops with the
 * application before the database goes away.
 * <p>
 * Executions live in {@code scheduled_tasks}. Instances on one database pick due rows with
 * {@code SELECT … FOR UPDATE SKIP LOCKED}, so each execution runs on one of them, and an
 * execution scheduled before a restart runs after it. To schedule, inject db-scheduler's
 * {@code SchedulerClient} (it joins the caller's transaction), not this class.
 */
public class JobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    private final java.util.function.Supplier<Scheduler> schedulers;
    private final Clock clock;
    private volatile Scheduler scheduler;
    private volatile boolean running;
    private boolean stoppedOnce;

    /** @param schedulers makes a scheduler: a stopped db-scheduler cannot start again, so a restart takes a new one */
    JobScheduler(java.util.function.Supplier<Scheduler> schedulers, Clock clock) {
        this.schedulers = schedulers;
        this.scheduler = schedulers.get();
        this.clock = clock;
    }

    /**
     * A scheduler for these tasks on this database, not started. The application builds one; tests
     * build several on one database to act as several instances.
     *
     * @param name shown as {@code picked_by} while this instance runs an execution
     */
    public static Scheduler build(DataSource dataSource, List<Task<?>> tasks, Clock clock, JobsProperties properties,
                                  String name) {
        List<Task<?>> startTasks = tasks.stream().filter(t -> t instanceof OnStartup).toList();
        List<Task<?>> others = tasks.stream().filter(t -> !(t instanceof OnStartup)).toList();
        // Scheduling from inside a Spring transaction (ExecutionContext's client) joins that transaction.
        DataSource transactional = dataSource instanceof TransactionAwareDataSourceProxy ? dataSource
                : new TransactionAwareDataSourceProxy(dataSource);
        return Scheduler.create(transactional, others)
                .startTasks(startTasksOf(startTasks))
                .clock(clock::instant) // a test that moves the application's clock makes a job due
                .pollingInterval(properties.pollingInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .threads(properties.threads())
                .heartbeatInterval(properties.heartbeatInterval())
                .shutdownMaxWait(properties.shutdownMaxWait())
                .schedulerName(new SchedulerName.Fixed(name))
                .build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T extends Task<?> & OnStartup> List<T> startTasksOf(List<Task<?>> tasks) {
        return (List) tasks;
    }

    /** The host and process, so that {@code picked_by} tells which instance runs an execution. */
    static String instanceName() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    @Override
    public synchronized void start() {
        if (running) return;
        // a context paused and restarted (Spring's Lifecycle allows it) gets a fresh scheduler on the same tasks
        if (stoppedOnce) scheduler = schedulers.get();
        scheduler.start();
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (!running) return;
        stoppedOnce = true;
        // waits up to zaiko.jobs.shutdown-max-wait for running executions; an execution still
        // running after that is found dead by another instance (or this one after a restart) and run again
        scheduler.stop();
        running = false;
        log.info("Job scheduler stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the web server and stops before it, so a job never outlives what it uses. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    /**
     * Makes a scheduled execution due now and wakes this instance's poller, for an operator who
     * will not wait for the next run, and for tests.
     *
     * @return false when there is no such execution or it is running right now
     */
    public boolean runNow(TaskInstanceId execution) {
        Optional<ScheduledExecution<Object>> scheduled = scheduler.getScheduledExecution(execution);
        if (scheduled.isEmpty() || scheduled.get().isPicked()) return false;
        boolean moved;
        try {
            moved = scheduler.reschedule(execution, clock.instant());
        } catch (RuntimeException e) {
            return false; // picked between the look and the move
        }
        scheduler.triggerCheckForDueExecutions();
        return moved;
    }

    /**
     * Looks for due executions now instead of at the next poll: after a change that scheduled
     * work due at once has committed, so it starts without waiting a polling interval.
     */
    public void checkForDueExecutions() {
        if (running) scheduler.triggerCheckForDueExecutions();
    }

    /** The scheduled execution as db-scheduler sees it now (due time, last success, whether it runs). */
    public Optional<ScheduledExecution<Object>> execution(TaskInstanceId execution) {
        return scheduler.getScheduledExecution(execution);
    }
}
