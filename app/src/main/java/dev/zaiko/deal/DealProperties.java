package dev.zaiko.deal;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param hold             how long deal units taken for a cart ({@code POST /api/deals/{code}/holds}
 *                         without {@code holdFor}) are held before they go back to the deal (default 15 minutes)
 * @param windowCheckEvery how often the durable catch-up job starts deals whose start has come and
 *                         ends deals whose end has come, in case a timer was missed (default 1 minute)
 */
@ConfigurationProperties("zaiko.deals")
public record DealProperties(Duration hold, Duration windowCheckEvery) {

    public DealProperties {
        if (hold == null) hold = Duration.ofMinutes(15);
        if (windowCheckEvery == null) windowCheckEvery = Duration.ofMinutes(1);
        if (!Durations.positive(hold) || !Durations.positive(windowCheckEvery)) {
            throw new IllegalArgumentException("zaiko.deals.hold and zaiko.deals.window-check-every must be positive");
        }
    }
}
