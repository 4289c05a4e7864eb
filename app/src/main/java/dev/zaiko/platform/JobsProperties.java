package dev.zaiko.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this instance runs durable jobs (db-scheduler). Every instance on the same database runs
 * the same jobs; each due execution runs on one of them.
 *
 * @param pollingInterval   how often an instance looks for due executions (default 10s): the
 *                          longest a due job waits before it starts
 * @param threads           executions one instance runs at once (default 4)
 * @param heartbeatInterval how often a running execution says it is alive (default 5m); one silent
 *                          for six intervals counts as dead (its instance died) and runs again
 * @param shutdownMaxWait   how long a stopping instance waits for running executions (default 30s)
 */
@ConfigurationProperties("zaiko.jobs")
public record JobsProperties(Duration pollingInterval, Integer threads, Duration heartbeatInterval,
                             Duration shutdownMaxWait) {

    public JobsProperties {
        if (pollingInterval == null) pollingInterval = Duration.ofSeconds(10);
        if (threads == null) threads = 4;
        if (heartbeatInterval == null) heartbeatInterval = Duration.ofMinutes(5);
        if (shutdownMaxWait == null) shutdownMaxWait = Duration.ofSeconds(30);
        if (!Durations.positive(pollingInterval) || !Durations.positive(heartbeatInterval) || shutdownMaxWait.isNegative()
                || threads < 1) {
            throw new IllegalArgumentException("zaiko.jobs: intervals must be positive and threads at least 1");
        }
    }

    public static JobsProperties defaults() {
        return new JobsProperties(null, null, null, null);
    }
}
