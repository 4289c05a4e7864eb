package dev.zaiko.contact;

import java.util.Optional;

/** One rule of {@link MissedCallRules}: the next step when it applies, empty when not. */
public interface MissedCallRule {

    Optional<NextCall> apply(MissedCall call);

    default String name() {
        return getClass().getSimpleName();
    }
}
