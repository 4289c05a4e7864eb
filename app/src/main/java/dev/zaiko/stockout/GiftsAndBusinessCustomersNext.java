package dev.zaiko.stockout;

import java.time.Duration;
import java.util.Optional;

/** A gift needed by a date, or a business customer who must report upwards: priority 2. */
public record GiftsAndBusinessCustomersNext(Duration within) implements ServiceLevelRule {

    @Override
    public Optional<ServiceLevel> apply(Urgency u) {
        boolean datedGift = u.gift() && u.neededBy() != null;
        return datedGift || u.b2b() ? Optional.of(new ServiceLevel(2, u.detectedAt().plus(within), name()))
                : Optional.empty();
    }
}
