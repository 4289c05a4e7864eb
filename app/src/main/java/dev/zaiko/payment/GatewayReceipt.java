package dev.zaiko.payment;

import java.time.Instant;

/**
 * The provider's answer to a call that was not refused: the money moved ({@link #SETTLED}), or the
 * operation was accepted and waits for someone to carry it out ({@link #PENDING}: the manual route,
 * {@link ManualGateway}). A pending answer moved no money; the caller calls again with the same
 * idempotency key later and gets the settled receipt once the operation was carried out.
 *
 * @param transactionId the provider's id of the operation; the same for every answer to one key
 *                      while it is pending; once settled, the provider's reference of the transfer
 * @param operation     {@code VOID}, {@code REFUND} or {@code PAYOUT}
 * @param amount        integer minor units of the currency (whole yen for JPY)
 * @param at            when the money moved (the first time, also in a replayed answer); for a
 *                      pending answer, when the operation was accepted
 * @param replayed      true when this key had already been answered and this answer only repeats it
 * @param status        {@link #SETTLED} or {@link #PENDING}
 */
public record GatewayReceipt(String transactionId, String operation, long amount, Instant at, boolean replayed,
                             String status) {

    public static final String VOID = "VOID";
    public static final String REFUND = "REFUND";
    public static final String PAYOUT = "PAYOUT";

    /** The money moved. */
    public static final String SETTLED = "SETTLED";
    /** Accepted, not carried out yet: no money moved so far. */
    public static final String PENDING = "PENDING";

    public GatewayReceipt {
        if (!SETTLED.equals(status) && !PENDING.equals(status)) {
            throw new IllegalArgumentException("a receipt is SETTLED or PENDING, not " + status);
        }
    }

    /** A settled receipt: the money moved. */
    public GatewayReceipt(String transactionId, String operation, long amount, Instant at, boolean replayed) {
        this(transactionId, operation, amount, at, replayed, SETTLED);
    }

    /** True while the operation waits to be carried out: the money has NOT moved. */
    public boolean pending() {
        return PENDING.equals(status);
    }

    GatewayReceipt replay() {
        return new GatewayReceipt(transactionId, operation, amount, at, true, status);
    }
}
