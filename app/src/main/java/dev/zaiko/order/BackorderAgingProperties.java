package dev.zaiko.order;

import java.time.Duration;
import dev.zaiko.platform.Durations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param backorderAgedAfter      a line BACKORDERED longer than this gets {@link BackorderAged} (default 30 days)
 * @param backorderAgedCheckEvery how often the job looks for such lines (default 1 hour)
 */
@ConfigurationProperties("zaiko.orders")
public record BackorderAgingProperties(Duration backorderAgedAfter, Duration backorderAgedCheckEvery) {

    public BackorderAgingProperties {
        if (backorderAgedAfter == null) backorderAgedAfter = Duration.ofDays(30);
        if (backorderAgedCheckEvery == null) backorderAgedCheckEvery = Duration.ofHours(1);
        if (!Durations.positive(backorderAgedAfter) || !Durations.positive(backorderAgedCheckEvery)) {
            throw new IllegalArgumentException("zaiko.orders.backorder-aged-after and -check-every must be positive");
        }
    }
}
