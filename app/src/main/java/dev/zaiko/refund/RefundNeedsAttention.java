package dev.zaiko.refund;

import java.time.Instant;

/** A refund stopped where a person must look: attempts exhausted, a refusal that will not change, a missed deadline. */
public record RefundNeedsAttention(String refundId, String orderNumber, String route, long amount, String why,
                                   Instant at) {
}
