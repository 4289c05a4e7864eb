package dev.zaiko.wallet;

import java.time.Instant;

/**
 * A coupon was used on an order, published in the spending transaction.
 *
 * @param discount the yen the coupon took off the order
 */
public record CouponRedeemed(String couponCode, String orderNumber, long discount, Instant at) {
}
