package dev.zaiko.refund;

/**
 * REQUESTED → PROCESSING → COMPLETED. A failed attempt that may succeed later goes to RETRYING
 * (then PROCESSING again); one that never will, or the last of the attempts, to FAILED, which a
 * person sees and can retry. AWAITING_ACCOUNT: money to be sent to a bank account the customer
 * has not registered yet (convenience-store and bank-transfer payments).
 */
public enum RefundStatus {
    REQUESTED, AWAITING_ACCOUNT, PROCESSING, RETRYING, COMPLETED, FAILED;

    /** Still on its way to the customer: counts as refunded in the reconciliation. */
    public boolean underWay() {
        return this != FAILED;
    }
}
