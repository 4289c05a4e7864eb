package dev.zaiko.stockout;

import java.time.Duration;
import java.util.Optional;

/** Express orders: the customer planned around tomorrow's delivery. Priority 1, soon after detection. */
public record ExpressFirst(Duration within) implements ServiceLevelRule {

    @Override
    public Optional<ServiceLevel> apply(Urgency u) {
        return u.express() ? Optional.of(new ServiceLevel(1, u.detectedAt().plus(within), name())) : Optional.empty();
    }
}
