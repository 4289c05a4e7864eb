package dev.zaiko.refund;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which parts of the payment an amount goes back from: each part in the order of {@link Means}
 * until the amount is covered, never more from a part than was paid with it and not already
 * given back. So a split payment (card + points + coupon) refunds each part by its own route,
 * and every yen refunded is a yen that was paid.
 */
final class SplittingRefund {

    record Part(Means means, long amount) {
    }

    private SplittingRefund() {
    }

    /**
     * @param paid      what was paid with each part
     * @param requested what refunds asked before this one already give back from each part
     * @throws IllegalArgumentException when more is asked than is left to give back
     */
    static List<Part> split(long amount, Map<Means, Long> paid, Map<Means, Long> requested) {
        if (amount <= 0) throw new IllegalArgumentException("A refund is of a positive amount, not " + amount);
        List<Part> parts = new ArrayList<>();
        long rest = amount;
        long left = 0;
        for (Means means : Means.values()) {
            long available = paid.getOrDefault(means, 0L) - requested.getOrDefault(means, 0L);
            if (available <= 0) continue;
            left += available;
            if (rest == 0) continue;
            long take = Math.min(rest, available);
            parts.add(new Part(means, take));
            rest -= take;
        }
        if (rest > 0) {
            throw new IllegalArgumentException("A refund of " + amount + " yen asks for more than the " + left
                    + " yen of the payment not given back yet");
        }
        return parts;
    }
}
