package dev.zaiko.contact.desk;

import java.util.Optional;

/** One rule of {@link MissedCallRules}: the next step when it applies, empty when not. */
public interface MissedCallRule {

    Optional<NextCall> apply(MissedCall call);

    default String name() {
        return getClass().getSimpleName();
    }

    /** A time people say: the next whole minute at or after {@code at}. */
    static java.time.Instant wholeMinute(java.time.Instant at) {
        java.time.Instant down = at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return down.equals(at) ? at : down.plusSeconds(60);
    }
}
