package dev.zaiko.stockout;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the lead-time answer ({@code GET /api/lead-time}) assumes beyond the stockout options.
 *
 * @param channel      the channel whose pool "own stock" means when the request names none; unset: the
 *                     first online OWN channel by code
 * @param shippingDays business days from the shop's warehouse or store to the customer (default 1): added
 *                     to today for own stock and to an inbound's expected date
 */
@ConfigurationProperties("zaiko.lead-time")
public record LeadTimeProperties(String channel, Integer shippingDays) {

    public LeadTimeProperties {
        if (channel != null && channel.isBlank()) channel = null;
        if (shippingDays == null) shippingDays = 1;
        if (shippingDays < 0) throw new IllegalArgumentException("zaiko.lead-time.shipping-days must be 0 or more");
    }
}
