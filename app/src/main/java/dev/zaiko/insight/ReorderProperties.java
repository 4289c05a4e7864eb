package dev.zaiko.insight;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reorder suggestions' configuration ({@code zaiko.insight.*}, docs/insight-reorder.md).
 *
 * @param defaultLeadTimeDays the supplier lead time for a product that has none of its own (default 14)
 */
@ConfigurationProperties("zaiko.insight")
public record ReorderProperties(Integer defaultLeadTimeDays) {

    public ReorderProperties {
        if (defaultLeadTimeDays == null) defaultLeadTimeDays = 14;
        if (defaultLeadTimeDays < 0 || defaultLeadTimeDays > 365) {
            throw new IllegalArgumentException("zaiko.insight.default-lead-time-days must be from 0 to 365");
        }
    }
}
