package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import dev.zaiko.support.MovableClock;
import dev.zaiko.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Durable jobs as the application builds them ({@link JobScheduler#build}), several instances on
 * one migrated database, without Spring: each due execution runs once, an execution outlives the
 * instance that scheduled it, and the application's clock decides when it is due.
 */
class JobSchedulerTest {

    static final Duration BOUND = Duration.ofSeconds(30);
    static final String TASK = "test-job";

    final MovableClock clock = new MovableClock(ZoneId.of("Asia/Tokyo"));
    final List<Scheduler> schedulers = new ArrayList<>();
    /** instance id → the scheduler names that ran it */
    final Map<String, List<String>> runs = new ConcurrentHashMap<>();
    HikariDataSource db;
    JdbcTemplate jdbc;
    SchedulerClient client;

    @BeforeEach
    void database() {
        db = TestDatabase.fresh(12);
        jdbc = new JdbcTemplate(db);
        client = SchedulerClient.Builder.create(db).build();
    }

    @AfterEach
    void stopAll() {
        schedulers.forEach(Scheduler::stop);
        db.close();
    }

    /** One instance of the application: its own task objects, its own scheduler, on the shared database. */
    Scheduler instance(String name, int threads, OneTimeTask<Void> task, Visits visits) {
        JobsProperties properties = new JobsProperties(Duration.ofMillis(50), threads, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        Scheduler scheduler = JobScheduler.build(visits == null ? db : visits, List.of(task), clock, properties, name);
        schedulers.add(scheduler);
        return scheduler;
    }

    OneTimeTask<Void> recording(String name) {
        return Tasks.oneTime(TASK).execute((instance, context) ->
                runs.computeIfAbsent(instance.getId(), id -> new CopyOnWriteArrayList<>()).add(name));
    }

    TaskInstance<Void> execution(String id) {
        return new TaskInstance<>(TASK, id);
    }

    int rows(String id) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?",
                Integer.class, TASK, id);
    }

    /**
     * Counts an instance's trips to the database: every look for due executions is one (its
     * heartbeats are 10 s apart), so a few more trips mean it has looked again.
     */
    static final class Visits extends DelegatingDataSource {
        final AtomicInteger count = new AtomicInteger();

        Visits(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            count.incrementAndGet();
            return super.getConnection();
        }
    }

    @Test
    void aDueExecutionRunsOnceThoughTwoInstancesPollForIt() {
        Visits first = new Visits(db);
        Visits second = new Visits(db);
        instance("node-1", 2, recording("node-1"), first).start();
        instance("node-2", 2, recording("node-2"), second).start();

        client.schedule(execution("case-42"), clock.instant());

        await().atMost(BOUND).until(() -> runs.containsKey("case-42"));
        int firstAfter = first.count.get();
        int secondAfter = second.count.get();
        await("both instances looked again").atMost(BOUND)
                .until(() -> first.count.get() >= firstAfter + 5 && second.count.get() >= secondAfter + 5);
        assertThat(runs.get("case-42")).hasSize(1);
        assertThat(rows("case-42")).as("a one-time execution is gone once it ran").isZero();
    }

    @Test
    void manyDueExecutionsAreSharedBetweenInstancesAndEachRunsOnce() {
        // one thread each, and every run waits until both instances run something: proves both take part
        CountDownLatch bothRunning = new CountDownLatch(2);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Scheduler> nodes = new ArrayList<>();
        for (String name : List.of("node-1", "node-2")) {
            nodes.add(instance(name, 1, Tasks.oneTime(TASK).execute((instance, context) -> {
                if (seen.add(name)) bothRunning.countDown();
                try {
                    if (!bothRunning.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("alone");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                runs.computeIfAbsent(instance.getId(), id -> new CopyOnWriteArrayList<>()).add(name);
            }), null));
        }
        List<TaskInstance<?>> due = new ArrayList<>();
        for (int i = 0; i < 40; i++) due.add(execution("reminder-" + i));
        client.scheduleBatch(due, clock.instant());

        nodes.forEach(Scheduler::start);

        await().atMost(BOUND).until(() -> runs.size() == 40
                && jdbc.queryForObject("select count(*) from scheduled_tasks", Integer.class) == 0);
        assertThat(runs.values()).allSatisfy(ranBy -> assertThat(ranBy).hasSize(1));
        assertThat(seen).containsExactlyInAnyOrder("node-1", "node-2");
    }

    @Test
    void anExecutionScheduledBeforeARestartRunsAfterItWhenTheClockReachesIt() {
        Visits visits = new Visits(db);
        Scheduler before = instance("before-restart", 2, recording("before-restart"), visits);
        before.start();
        client.schedule(execution("callback"), clock.instant().plus(Duration.ofHours(1)));
        int scheduled = visits.count.get();
        await("looked a few times since").atMost(BOUND).until(() -> visits.count.get() >= scheduled + 5);
        assertThat(runs).as("not due yet").isEmpty();
        before.stop();

        clock.advance(Duration.ofHours(2));
        instance("after-restart", 2, recording("after-restart"), null).start();

        await().atMost(BOUND).until(() -> runs.containsKey("callback") && rows("callback") == 0);
        assertThat(runs.get("callback")).containsExactly("after-restart");
    }

    @Test
    void stoppingLetsARunningExecutionFinishAndLeavesNothingPicked() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finishedNormally = new AtomicInteger();
        Scheduler node = instance("node-1", 2, Tasks.oneTime(TASK).execute((instance, context) -> {
            started.countDown();
            try {
                if (release.await(30, TimeUnit.SECONDS)) finishedNormally.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // interrupted by the stop: not finished
            }
        }), null);
        node.start();
        client.schedule(execution("packing-slip"), clock.instant());
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<?> stopping = background.submit(node::stop);
            await("stop under way").atMost(BOUND).until(() -> node.getSchedulerState().isShuttingDown());
            release.countDown();
            stopping.get(1, TimeUnit.MINUTES);
        } finally {
            background.shutdownNow();
        }
        schedulers.remove(node);

        assertThat(finishedNormally.get()).isEqualTo(1);
        assertThat(rows("packing-slip")).as("completed, not left picked for another instance").isZero();
    }
}
