package dev.zaiko.refund;

import java.time.Instant;
import java.time.LocalDate;

/** An apology coupon for a stockout, for the follow-up the customer gets in writing. */
public record ApologyCouponIssued(String caseId, String orderNumber, String couponCode, String kind, long value,
                                  LocalDate validUntil, String policy, Instant at) {
}
