package dev.zaiko.wallet;

/** What a coupon takes off: FIXED yen, or PERCENT of the order's lines (rounded down to the yen). */
public enum DiscountKind {
    FIXED, PERCENT
}
