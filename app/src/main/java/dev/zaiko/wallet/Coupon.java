package dev.zaiko.wallet;

import java.time.LocalDate;

/**
 * A single-use coupon.
 *
 * @param value        yen for FIXED, percent (1 to 100) for PERCENT
 * @param campaignEnds the last day it can be used (inclusive, the shop's zone)
 * @param status       {@code ISSUED} (unused) or {@code REDEEMED}
 * @param redeemedBy   the order (digits) that used it, while REDEEMED; null otherwise
 */
public record Coupon(String code, String campaign, DiscountKind kind, long value, LocalDate campaignEnds, String status,
                     String redeemedBy) {

    public static final String ISSUED = "ISSUED";
    public static final String REDEEMED = "REDEEMED";
}
