package dev.zaiko.wallet;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;

/** When a coupon may be used, and for how much. */
final class CouponRules {

    static final String UNKNOWN = "coupon-unknown";
    static final String ALREADY_USED = "coupon-already-used";
    static final String CAMPAIGN_ENDED = "coupon-campaign-ended";
    static final String NOT_FOR_THIS_CUSTOMER = "coupon-not-for-this-customer";
    static final String DISCOUNT_TOO_LARGE = "coupon-discount-too-large";

    private CouponRules() {
    }

    /** FIXED: its value in yen; PERCENT: that percentage of the lines, rounded down to the yen. */
    static long maxDiscount(DiscountKind kind, long value, long linesTotal) {
        return kind == DiscountKind.FIXED ? value : Math.multiplyExact(linesTotal, value) / 100;
    }

    /** @throws InvalidRequestException a value no coupon can have */
    static void checkValue(DiscountKind kind, long value) {
        if (kind == null) throw new InvalidRequestException("A coupon's kind is FIXED or PERCENT.");
        if (kind == DiscountKind.PERCENT && (value < 1 || value > 100)) {
            throw new InvalidRequestException("A PERCENT coupon's value is 1 to 100 (percent off the order's lines), not "
                    + value + ".");
        }
        if (value < 1) throw new InvalidRequestException("A FIXED coupon's value is at least 1 yen, not " + value + ".");
    }

    /**
     * @param customer   the normalized email of who uses it
     * @param discount   what the checkout took off with it
     * @param linesTotal the order's lines, for a PERCENT coupon's limit
     * @throws ConflictException why it cannot be used; nothing is changed
     */
    static void checkRedeemable(StoredCoupon coupon, String customer, long discount, long linesTotal, LocalDate today) {
        if (Coupon.REDEEMED.equals(coupon.status())) {
            throw new ConflictException(ALREADY_USED, "Coupon " + coupon.code() + " has already been used; a coupon is "
                    + "used once. Nothing was changed.", Map.of("couponCode", coupon.code()));
        }
        if (today.isAfter(coupon.campaignEnds())) {
            throw new ConflictException(CAMPAIGN_ENDED, "Coupon " + coupon.code() + " belongs to the campaign '"
                    + coupon.campaign() + "', which ended on " + coupon.campaignEnds() + " (today is " + today
                    + "). Nothing was changed.", Map.of("couponCode", coupon.code(), "campaignEnds",
                    coupon.campaignEnds().toString(), "today", today.toString()));
        }
        if (coupon.customer() != null && !coupon.customer().equals(customer)) {
            throw new ConflictException(NOT_FOR_THIS_CUSTOMER, "Coupon " + coupon.code() + " was issued for another "
                    + "customer and only they can use it. Nothing was changed.", Map.of("couponCode", coupon.code()));
        }
        long max = maxDiscount(coupon.kind(), coupon.value(), linesTotal);
        if (discount > max) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("couponCode", coupon.code());
            facts.put("couponDiscount", discount);
            facts.put("maxDiscount", max);
            facts.put("discountKind", coupon.kind().name());
            facts.put("value", coupon.value());
            facts.put("linesTotal", linesTotal);
            String worth = coupon.kind() == DiscountKind.FIXED ? coupon.value() + " yen off"
                    : coupon.value() + "% off the lines' " + linesTotal + " yen, rounded down";
            throw new ConflictException(DISCOUNT_TOO_LARGE, "Coupon " + coupon.code() + " is worth " + worth + ", at "
                    + "most " + max + " yen, but the order takes " + discount + " yen off with it (" + (discount - max)
                    + " yen too much). Nothing was changed.", facts);
        }
    }

    static ConflictException unknown(String code) {
        return new ConflictException(UNKNOWN, "There is no coupon " + code + ". Nothing was changed.",
                Map.of("couponCode", code));
    }
}
