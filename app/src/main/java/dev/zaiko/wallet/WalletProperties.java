package dev.zaiko.wallet;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Validities, in days from the day something is given (the shop's zone).
 *
 * @param regrantPointsDays       points given back after their lot expired: a new lot valid this long (default 30)
 * @param regrantGiftBalanceDays  gift balance given back after its lot expired, likewise (default 365)
 * @param giftBalanceValidityDays a refund paid as gift balance, and a staff grant without a date (default 3650)
 * @param replacementCouponDays   a replacement coupon (default 90)
 */
@ConfigurationProperties("zaiko.wallet")
public record WalletProperties(Integer regrantPointsDays, Integer regrantGiftBalanceDays,
                               Integer giftBalanceValidityDays, Integer replacementCouponDays) {

    public WalletProperties {
        if (regrantPointsDays == null) regrantPointsDays = 30;
        if (regrantGiftBalanceDays == null) regrantGiftBalanceDays = 365;
        if (giftBalanceValidityDays == null) giftBalanceValidityDays = 3650;
        if (replacementCouponDays == null) replacementCouponDays = 90;
        if (regrantPointsDays < 1 || regrantGiftBalanceDays < 1 || giftBalanceValidityDays < 1
                || replacementCouponDays < 1) {
            throw new IllegalArgumentException("zaiko.wallet: every validity must be at least one day");
        }
    }

    public static WalletProperties defaults() {
        return new WalletProperties(null, null, null, null);
    }
}
