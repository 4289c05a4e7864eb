package dev.zaiko.wallet;

/**
 * What an order spent from the customer's wallet.
 *
 * @param orderNumber the order's digits (dashes and spaces left out)
 * @param couponCode  null when no coupon was used
 */
public record Redemption(String orderNumber, long points, long giftBalance, String couponCode, long couponDiscount) {
}
