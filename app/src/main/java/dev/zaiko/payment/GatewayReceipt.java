package dev.zaiko.payment;

import java.time.Instant;

/**
 * The provider's confirmation that money moved.
 *
 * @param transactionId the provider's id of the operation; the same for every answer to one key
 * @param operation     {@code VOID}, {@code REFUND} or {@code PAYOUT}
 * @param amount        whole yen
 * @param at            when the money moved (the first time, also in a replayed answer)
 * @param replayed      true when this key had already moved the money and this answer only repeats it
 */
public record GatewayReceipt(String transactionId, String operation, long amount, Instant at, boolean replayed) {

    public static final String VOID = "VOID";
    public static final String REFUND = "REFUND";
    public static final String PAYOUT = "PAYOUT";

    GatewayReceipt replay() {
        return new GatewayReceipt(transactionId, operation, amount, at, true);
    }
}
