package dev.zaiko.wallet;

import java.time.LocalDate;

/**
 * An order's coupon given back.
 *
 * @param code        the order's own coupon, unused again; or, when {@code replacement}, the new coupon's code
 * @param replacement true when a new FIXED coupon worth {@code amount} yen was issued instead
 * @param amount      the yen of the order's coupon discount given back
 * @param validUntil  the last day the code can be used (its campaign's end)
 */
public record CouponReturn(String code, boolean replacement, long amount, LocalDate validUntil) {
}
