package dev.zaiko.inventory;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How late a till sale may be entered with the time it was sold ({@link SellingAtTill}).
 *
 * @param maxAge    how long ago a sale may have happened (default 31 days): older sales belong to
 *                  a closed period, not to today's ledger
 * @param clockSkew how far in the future a sale may claim to be (default 5 minutes): a till's clock
 *                  that runs a little ahead
 */
@ConfigurationProperties("zaiko.inventory.till-sale")
public record TillSaleProperties(Duration maxAge, Duration clockSkew) {

    public TillSaleProperties {
        if (maxAge == null) maxAge = Duration.ofDays(31);
        if (clockSkew == null) clockSkew = Duration.ofMinutes(5);
        if (!Durations.positive(maxAge) || clockSkew.isNegative()) {
            throw new IllegalArgumentException("zaiko.inventory.till-sale: max-age must be positive and clock-skew "
                    + "not negative");
        }
    }
}
