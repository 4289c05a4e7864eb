package dev.zaiko.stockout;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How fast the shop promises to contact a customer whose item is missing.
 *
 * @param express          express orders (あす楽 / お急ぎ便): this long after detection (default 15 minutes)
 * @param giftsAndBusiness gift orders with a needed-by date and B2B orders: this long after detection
 *                         (default 2 hours)
 * @param businessDayEnds  everyone else: by this time of the next business day (default 18:00, shop's zone)
 */
@ConfigurationProperties("zaiko.stockout.service-levels")
public record ServiceLevelProperties(Duration express, Duration giftsAndBusiness, LocalTime businessDayEnds) {

    public ServiceLevelProperties {
        if (express == null) express = Duration.ofMinutes(15);
        if (giftsAndBusiness == null) giftsAndBusiness = Duration.ofHours(2);
        if (businessDayEnds == null) businessDayEnds = LocalTime.of(18, 0);
        if (express.isNegative() || express.isZero() || giftsAndBusiness.isNegative() || giftsAndBusiness.isZero()) {
            throw new IllegalArgumentException("zaiko.stockout.service-levels durations must be positive");
        }
    }

    public static ServiceLevelProperties defaults() {
        return new ServiceLevelProperties(null, null, null);
    }
}
