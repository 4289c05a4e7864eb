package dev.zaiko.platform;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Named places where a crash test may stop the JVM as {@code kill -9} would, at the worst moment
 * (between two writes that belong together, right after a commit): {@code
 * zaiko.faults.halt-at=after-reserve-before-order}. Empty by default, and a shop never sets it:
 * an armed start logs a warning. {@link #reach} halts the JVM at once, without shutdown hooks,
 * closing nothing, as the OOM killer would.
 */
@Component
public final class FaultPoints {

    private static final Logger log = LoggerFactory.getLogger(FaultPoints.class);
    private static volatile Set<String> armed = Set.of();

    FaultPoints(@Value("${zaiko.faults.halt-at:}") String haltAt) {
        armed = Arrays.stream(haltAt.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (!armed.isEmpty()) {
            log.warn("Crash test fault points armed: {}. This JVM halts when it reaches one; never set "
                    + "zaiko.faults.halt-at in a shop.", armed);
        }
    }

    /** Halts the JVM here if this point is armed; otherwise does nothing. */
    public static void reach(String point) {
        if (armed.contains(point)) {
            log.error("Fault point '{}' reached: halting the JVM as a crash would", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
