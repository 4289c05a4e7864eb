package dev.zaiko.refund;

/**
 * REQUESTED → PROCESSING → COMPLETED. A failed attempt that may succeed later goes to RETRYING
 * (then PROCESSING again); one that never will, or the last of the attempts, to FAILED, which a
 * person sees and can retry. AWAITING_ACCOUNT: money to be sent to a bank account the customer
 * has not registered yet (convenience-store and bank-transfer payments). AWAITING_CONFIRMATION:
 * the gateway accepted the refund but a person must carry it out with the provider and confirm it
 * (the manual route, {@link dev.zaiko.payment.ManualGateway}); no money has moved yet. The person's
 * confirmation sends it to REQUESTED, and the next attempt completes it with the gateway's receipt.
 */
public enum RefundStatus {
    REQUESTED, AWAITING_ACCOUNT, PROCESSING, RETRYING, AWAITING_CONFIRMATION, COMPLETED, FAILED;

    /**
     * Still on its way to the customer (or done): counts as refunded in the reconciliation, which
     * lists what is under way apart from what is completed.
     */
    public boolean underWay() {
        return this != FAILED;
    }
}
