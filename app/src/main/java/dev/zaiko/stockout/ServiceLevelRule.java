package dev.zaiko.stockout;

import java.util.Optional;

/** One rule of the {@link ServiceLevelPolicy}: a service level when it applies, empty when not. */
public interface ServiceLevelRule {

    Optional<ServiceLevel> apply(Urgency urgency);

    default String name() {
        return getClass().getSimpleName();
    }
}
