package dev.zaiko.refund;

import java.time.Instant;

/**
 * The refund module has weighed what a decided stockout costs the shop beyond the refund:
 * published once per hearing of the decision, whether or not an apology coupon was given (one
 * per order), so the written follow-up knows it will not miss a coupon by going out early.
 *
 * @param couponCode null when this decision brought no apology coupon
 */
public record StockoutCompensated(String caseId, String orderNumber, String couponCode, Instant at) {
}
