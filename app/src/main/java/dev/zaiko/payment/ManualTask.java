package dev.zaiko.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * One void, refund or payout that the {@link ManualGateway} could not carry out itself: a person
 * does it in the provider's dashboard (or the shop's bank) and confirms it with the provider's
 * reference ({@link ManualTasks#confirm}).
 *
 * @param idempotencyKey    the caller's key: one task per key
 * @param operation         {@code VOID}, {@code REFUND} or {@code PAYOUT}
 * @param paymentReference  the provider's payment id (void and refund), else null
 * @param method            the payment's method (void and refund), else null
 * @param amount            integer minor units of {@code currency} (whole yen for JPY)
 * @param payeeMasked       a payout's account, masked; null for a void or refund
 * @param payee             a payout's account in full: show it only to whoever makes the transfer
 * @param confirmedReference the provider's (or bank's) reference a person gave when confirming
 */
public record ManualTask(UUID id, String idempotencyKey, String operation, String paymentReference, String method,
                         String orderNumber, long amount, String currency, String payeeMasked, BankAccount payee,
                         Status status, Instant createdAt, String confirmedReference, String confirmedBy,
                         Instant confirmedAt) {

    public enum Status {
        /** Waiting for a person to carry it out. */
        OPEN,
        /** A person carried it out and gave the provider's reference. */
        CONFIRMED
    }

    /** The payee never appears in full (its own toString is masked). */
    @Override
    public String toString() {
        return "ManualTask[" + id + " " + operation + " " + amount + " " + currency + " " + status + "]";
    }
}
