package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link SchedulerClient} modules inject joins the caller's transaction: an execution is
 * scheduled exactly when the change that needs it commits. (The shared application context.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SchedulingInATransactionTest {

    /** No bean runs this name, and its time is far ahead: scheduling is all that happens. */
    static final TaskDescriptor<Void> TIMER = TaskDescriptor.of("test-timer-not-run");

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    int rows(String id) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?",
                Integer.class, TIMER.getTaskName(), id);
    }

    @Test
    void anExecutionScheduledInATransactionThatRollsBackIsNotThere() {
        String id = UUID.randomUUID().toString();
        TransactionTemplate tx = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> tx.executeWithoutResult(t -> {
            scheduler.scheduleIfNotExists(TIMER.instance(id).scheduledTo(clock.instant().plus(Duration.ofDays(365))));
            assertThat(rows(id)).as("visible inside its transaction").isEqualTo(1);
            throw new IllegalStateException("the change that needed the timer fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rows(id)).isZero();

        tx.executeWithoutResult(t -> scheduler.scheduleIfNotExists(
                TIMER.instance(id).scheduledTo(clock.instant().plus(Duration.ofDays(365)))));
        assertThat(rows(id)).isEqualTo(1);
        scheduler.cancel(TIMER.instanceId(id));
        assertThat(rows(id)).isZero();
    }
}
