package dev.zaiko.wallet;

import java.time.LocalDate;

/**
 * What came back to a customer's points or gift balance.
 *
 * @param kind           {@code POINTS} or {@code GIFT_BALANCE}
 * @param amount         the total that came back
 * @param restoredUntil  the latest validity of the parts put back into lots that are still valid; for
 *                       {@link Wallets#creditGiftBalance}, the new lot's validity; null when none
 * @param regranted      the part that came back as a new lot because the lot it was taken from had expired
 * @param regrantedUntil that new lot's validity (null when nothing was re-granted)
 */
public record Credit(String kind, long amount, LocalDate restoredUntil, long regranted, LocalDate regrantedUntil) {

    public static final String POINTS = "POINTS";
    public static final String GIFT_BALANCE = "GIFT_BALANCE";
}
