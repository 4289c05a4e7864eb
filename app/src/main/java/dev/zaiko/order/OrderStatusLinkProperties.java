package dev.zaiko.order;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param statusLinkSecret   the key that signs order status links; unset, one is made and stored
 *                           in the database at first use
 * @param statusLinkValidFor how long an order status link works (default 90 days)
 */
@ConfigurationProperties("zaiko.orders")
public record OrderStatusLinkProperties(String statusLinkSecret, Duration statusLinkValidFor) {

    public OrderStatusLinkProperties {
        if (statusLinkValidFor == null) statusLinkValidFor = Duration.ofDays(90);
        if (!Durations.positive(statusLinkValidFor)) {
            throw new IllegalArgumentException("zaiko.orders.status-link-valid-for must be positive");
        }
    }
}
