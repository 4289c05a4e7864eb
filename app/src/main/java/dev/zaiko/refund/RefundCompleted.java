package dev.zaiko.refund;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A part of a payment is back with the customer (or, for a marketplace or unpaid order, settled).
 *
 * @param confirmedBy who confirmed that they carried it out with the provider (the manual route),
 *                    null when the gateway did it by itself
 * @param reference   the provider's reference of the refund or transfer, when there is one
 */
public record RefundCompleted(String refundId, String orderNumber, int lineNo, String reason, String means,
                              String route, long amount, LocalDate expectedBy, Instant at, String confirmedBy,
                              String reference) {

    public RefundCompleted(String refundId, String orderNumber, int lineNo, String reason, String means, String route,
                           long amount, LocalDate expectedBy, Instant at) {
        this(refundId, orderNumber, lineNo, reason, means, route, amount, expectedBy, at, null, null);
    }

    /** True when a person carried the refund out by hand and confirmed it. */
    public boolean byHand() {
        return confirmedBy != null;
    }
}
