package dev.zaiko.insight;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reorder suggestions' configuration ({@code zaiko.insight.*}, docs/insight-reorder.md).
 *
 * @param defaultLeadTimeDays the supplier lead time for a product that has none of its own (default 14)
 * @param reorderRefreshEvery how often the stored reorder suggestions list is recomputed (default 10m)
 */
@ConfigurationProperties("zaiko.insight")
public record ReorderProperties(Integer defaultLeadTimeDays, Duration reorderRefreshEvery) {

    public ReorderProperties {
        if (defaultLeadTimeDays == null) defaultLeadTimeDays = 14;
        if (reorderRefreshEvery == null) reorderRefreshEvery = Duration.ofMinutes(10);
        if (reorderRefreshEvery.isNegative() || reorderRefreshEvery.isZero()) {
            throw new IllegalArgumentException("zaiko.insight.reorder-refresh-every must be positive");
        }
        if (defaultLeadTimeDays < 0 || defaultLeadTimeDays > 365) {
            throw new IllegalArgumentException("zaiko.insight.default-lead-time-days must be from 0 to 365");
        }
    }
}
