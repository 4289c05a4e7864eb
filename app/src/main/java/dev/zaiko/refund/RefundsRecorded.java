package dev.zaiko.refund;

import java.time.Instant;
import java.util.List;

/**
 * The refunds for one stockout decision are recorded (created now, or found from an earlier
 * request): the contact module can tell the customer where each part goes and when it arrives.
 *
 * @param caseId    the stockout case whose decision asked for them
 * @param refundIds every refund of the request, shipping fee first
 */
public record RefundsRecorded(String caseId, String orderNumber, List<String> refundIds, Instant at) {

    public RefundsRecorded {
        refundIds = List.copyOf(refundIds);
    }
}
