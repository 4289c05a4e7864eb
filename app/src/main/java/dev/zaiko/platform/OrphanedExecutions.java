package dev.zaiko.platform;

import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Executions a killed instance of this host left picked. db-scheduler finds a dead execution by
 * its missed heartbeats, which takes minutes; an instance starting on the same host can tell at once
 * that the process which picked an execution ({@code picked_by} = {@code pid@host}) is gone, and
 * releases it so it runs again now: after a kill -9 the order pull, the drift check and every other
 * recurring job go on as soon as Zaiko is back, not minutes later. An execution picked on another
 * host, or by a process of this host that still runs, or under a name that is not {@code pid@host},
 * is left to the heartbeat rule.
 */
final class OrphanedExecutions {

    private static final Logger log = LoggerFactory.getLogger(OrphanedExecutions.class);

    private OrphanedExecutions() {
    }

    /** @return how many executions were released */
    static int release(DataSource dataSource, String self) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int released = 0;
        for (String pickedBy : jdbc.queryForList(
                "select distinct picked_by from scheduled_tasks where picked and picked_by is not null", String.class)) {
            if (!orphaned(pickedBy, self)) continue;
            int n = jdbc.update("""
                    update scheduled_tasks set picked = false, picked_by = null, last_heartbeat = null, version = version + 1
                    where picked and picked_by = ?
                    """, pickedBy);
            released += n;
            log.warn("Released {} job execution(s) left running by {}, a process of this host that is gone", n, pickedBy);
        }
        return released;
    }

    /** Picked by another process of this host ({@code pid@host}) that no longer runs. */
    static boolean orphaned(String pickedBy, String self) {
        Optional<Long> pid = pid(pickedBy);
        Optional<Long> selfPid = pid(self);
        if (pid.isEmpty() || selfPid.isEmpty() || pid.get().equals(selfPid.get())) return false;
        if (!host(pickedBy).equals(host(self))) return false;
        return ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true);
    }

    private static Optional<Long> pid(String name) {
        int at = name.indexOf('@');
        if (at <= 0) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(name.substring(0, at)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String host(String name) {
        return name.substring(name.indexOf('@') + 1);
    }
}
