package dev.zaiko.refund;

import java.time.Instant;
import java.time.LocalDate;

/** A part of a payment is back with the customer (or, for a marketplace or unpaid order, settled). */
public record RefundCompleted(String refundId, String orderNumber, int lineNo, String reason, String means,
                              String route, long amount, LocalDate expectedBy, Instant at) {
}
