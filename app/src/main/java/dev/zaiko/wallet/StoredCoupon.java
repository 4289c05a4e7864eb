package dev.zaiko.wallet;

import java.time.LocalDate;

/** A coupon row, with the customer it is for (null: anyone may use it once). */
record StoredCoupon(String code, String campaign, DiscountKind kind, long value, LocalDate campaignEnds,
                    String customer, String status, String redeemedBy) {

    Coupon coupon() {
        return new Coupon(code, campaign, kind, value, campaignEnds, status, redeemedBy);
    }

    @Override
    public String toString() {
        return "StoredCoupon[" + code + ", " + status + "]"; // the customer's email stays out of logs
    }
}
