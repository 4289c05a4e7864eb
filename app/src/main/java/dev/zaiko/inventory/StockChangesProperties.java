package dev.zaiko.inventory;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the stock change journal ({@code inventory_stock_change}, {@link FollowingStockChanges})
 * keeps its rows.
 *
 * @param keep        rows older than this are deleted (default 1 day): far longer than a reader
 *                    (channel sync, every second while Zaiko runs, and at every start) needs them
 * @param forgetEvery how often the durable job {@value ForgettingStockChanges#TASK} deletes them
 *                    (default 1 hour)
 */
@ConfigurationProperties("zaiko.inventory.stock-changes")
public record StockChangesProperties(Duration keep, Duration forgetEvery) {

    public StockChangesProperties {
        if (keep == null) keep = Duration.ofDays(1);
        if (forgetEvery == null) forgetEvery = Duration.ofHours(1);
        if (!Durations.positive(keep) || !Durations.positive(forgetEvery)) {
            throw new IllegalArgumentException("zaiko.inventory.stock-changes: keep and forget-every must be positive");
        }
    }
}
