package dev.zaiko.refund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One part of a payment given back for one (order, line, reason).
 *
 * @param lineNo          0 for the order's shipping fee
 * @param reason          the cause of the request ({@link dev.zaiko.stockout.RefundRequested})
 * @param route           how it goes back now (a convenience-store refund moves to BANK_TRANSFER or
 *                        GIFT_BALANCE)
 * @param locale          the customer's language, for what they are told
 * @param expectedFrom    first day the customer may see it (business calendar); null while it waits
 *                        for a bank account
 * @param expectedBy      last day of that range
 * @param accountDeadline until when the customer may register a bank account
 * @param gatewayKey      the idempotency key of its gateway call: the same for every attempt, so a
 *                        retry after a timeout never pays twice; a new one only after a definite decline
 * @param outcome         what the customer got, for what they are told: validity of credited
 *                        balance or points, the coupon code, the gateway's transaction
 */
public record Refund(UUID id, String orderNumber, int lineNo, String reason, Means means, Route route, long amount,
                     String currency, RefundStatus status, String caseId, String locale, Instant requestedAt,
                     LocalDate expectedFrom, LocalDate expectedBy, Instant accountDeadline, Instant reminderAt,
                     Instant remindedAt, int attempts, Instant nextAttemptAt, String lastError,
                     boolean needsAttention, String gatewayKey, String transactionId, Map<String, Object> outcome, Instant completedAt,
                     List<Change> history) {

    public Refund {
        outcome = outcome == null ? Map.of() : Map.copyOf(outcome);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * @param from    null for the first status
     * @param note    the step in English (an older row's only text)
     * @param wording the step as a bundle key and arguments, worded in the reader's language; null for older rows
     */
    public record Change(RefundStatus from, RefundStatus to, Route route, String actor, String note, Instant at,
                         dev.zaiko.platform.Wording wording) {
    }
}
