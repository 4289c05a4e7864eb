package dev.zaiko.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** When a coupon may be used and for how much, without a database. */
class CouponRulesTest {

    static final LocalDate TODAY = LocalDate.of(2030, 4, 1);

    private static StoredCoupon coupon(DiscountKind kind, long value, String customer, String status) {
        return new StoredCoupon("C1", "Spring", kind, value, TODAY, customer, status,
                Coupon.REDEEMED.equals(status) ? "12345" : null);
    }

    @Test
    void aPercentCouponTakesAtMostItsShareOfTheLinesRoundedDown() {
        assertThat(CouponRules.maxDiscount(DiscountKind.PERCENT, 10, 1999)).isEqualTo(199);
        assertThat(CouponRules.maxDiscount(DiscountKind.PERCENT, 100, 1999)).isEqualTo(1999);
        assertThat(CouponRules.maxDiscount(DiscountKind.PERCENT, 1, 99)).isZero();
        assertThat(CouponRules.maxDiscount(DiscountKind.FIXED, 500, 100)).as("the order's own total limits nothing here")
                .isEqualTo(500);
        assertThat(CouponRules.maxDiscount(DiscountKind.PERCENT, 100, 1_000_000_000_000_000L))
                .as("the largest order does not overflow").isEqualTo(1_000_000_000_000_000L);
    }

    @Test
    void theChecksSayWhyACouponCannotBeUsed() {
        CouponRules.checkRedeemable(coupon(DiscountKind.FIXED, 500, "a@example.jp", Coupon.ISSUED), "a@example.jp", 500,
                0, TODAY);
        assertThat(type(coupon(DiscountKind.FIXED, 500, null, Coupon.REDEEMED), "a@example.jp", 100, TODAY))
                .isEqualTo("coupon-already-used");
        assertThat(type(coupon(DiscountKind.FIXED, 500, null, Coupon.ISSUED), "a@example.jp", 100, TODAY.plusDays(1)))
                .isEqualTo("coupon-campaign-ended");
        assertThat(type(coupon(DiscountKind.FIXED, 500, "b@example.jp", Coupon.ISSUED), "a@example.jp", 100, TODAY))
                .isEqualTo("coupon-not-for-this-customer");
        assertThat(type(coupon(DiscountKind.FIXED, 500, null, Coupon.ISSUED), "a@example.jp", 501, TODAY))
                .isEqualTo("coupon-discount-too-large");
    }

    @Test
    void aPercentCouponIsOneToAHundredAndEveryCouponPositive() {
        CouponRules.checkValue(DiscountKind.PERCENT, 1);
        CouponRules.checkValue(DiscountKind.PERCENT, 100);
        assertThatThrownBy(() -> CouponRules.checkValue(DiscountKind.PERCENT, 101)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CouponRules.checkValue(DiscountKind.PERCENT, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CouponRules.checkValue(DiscountKind.FIXED, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> CouponRules.checkValue(null, 5)).isInstanceOf(InvalidRequestException.class);
    }

    private static String type(StoredCoupon c, String customer, long discount, LocalDate today) {
        try {
            CouponRules.checkRedeemable(c, customer, discount, 1000, today);
        } catch (ConflictException e) {
            return e.type();
        }
        return "accepted";
    }
}
