package dev.zaiko.refund;

import java.time.Instant;

/**
 * The customer is asked for a bank account (cash paid at a convenience store, or a bank
 * transfer): the contact module writes to them. {@code reminder} is true for the reminder before
 * the deadline. For a convenience-store payment the gift balance is credited at the deadline
 * when no account comes.
 *
 * @param caseId the stockout case whose decision asked for the refund; null when none did
 */
public record BankAccountRequested(String refundId, String caseId, String orderNumber, String route, long amount,
                                   Instant deadline, boolean reminder, String locale, Instant at) {
}
