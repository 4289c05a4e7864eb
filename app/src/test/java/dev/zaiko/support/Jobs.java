package dev.zaiko.support;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.zaiko.platform.JobScheduler;

/** Runs a durable job through the application's scheduler and waits, with a bound, until that run completed. */
public final class Jobs {

    public static final Duration BOUND = Duration.ofSeconds(30);

    private Jobs() {
    }

    /**
     * Makes the recurring job due now and waits for a run that started after this call to succeed
     * (a run already under way when it is called does not count).
     */
    public static void runRecurring(JobScheduler jobs, Clock clock, String task) {
        TaskInstanceId execution = TaskInstanceId.of(task, RecurringTask.INSTANCE);
        AtomicReference<Instant> moved = new AtomicReference<>();
        await("job " + task + " made due").atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!jobs.runNow(execution)) return false; // running right now: after that run
            moved.set(clock.instant());
            return true;
        });
        await("job " + task + " run after " + moved.get()).atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.execution(execution).map(e -> !e.isPicked() && e.getLastSuccess() != null
                        && !e.getLastSuccess().isBefore(moved.get())).orElse(false));
    }
}
