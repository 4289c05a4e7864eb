package dev.zaiko.order;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param stockChangesFollowEvery how often the job {@value CatchingUpOnReleasedStock#TASK} reads the
 *                                inventory's stock change journal for releases whose in-memory
 *                                hand-over was lost (default 30 seconds; it also runs at every start)
 */
@ConfigurationProperties("zaiko.orders")
public record BackorderFollowingProperties(Duration stockChangesFollowEvery) {

    public BackorderFollowingProperties {
        if (stockChangesFollowEvery == null) stockChangesFollowEvery = Duration.ofSeconds(30);
        if (!Durations.positive(stockChangesFollowEvery)) {
            throw new IllegalArgumentException("zaiko.orders.stock-changes-follow-every must be positive");
        }
    }
}
