package dev.zaiko.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Module listeners that run after the commit are asynchronous: a test that acts through the API
 * waits, with a bound, until the events its action published are handled, instead of sleeping.
 * "Handled" is what the event publication registry says: every publication is completed.
 */
public final class Events {

    /** Far above what any listener needs here; reaching it means the listener failed or never ran. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    private Events() {
    }

    /**
     * Waits until every event publication whose serialized event mentions {@code text} (a SKU or
     * an order number unique to the test) is completed. Publications are written in the publishing
     * transaction, and a listener that publishes does so before it completes, so once none is open
     * every listener down the chain has run.
     */
    public static void awaitHandled(JdbcTemplate jdbc, String text) {
        try {
            await("event publications mentioning " + text + " completed").atMost(BOUND)
                    .pollInterval(Duration.ofMillis(20)).until(() -> incomplete(jdbc, text) == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + " Still open: " + jdbc.queryForList("select listener_id, event_type, "
                    + "status, completion_attempts, serialized_event from event_publication where completion_date is null "
                    + "and position(? in serialized_event) > 0", text), e);
        }
    }

    public static int incomplete(JdbcTemplate jdbc, String text) {
        Integer open = jdbc.queryForObject("select count(*) from event_publication where completion_date is null "
                + "and position(? in serialized_event) > 0", Integer.class, text);
        return open == null ? 0 : open;
    }
}
