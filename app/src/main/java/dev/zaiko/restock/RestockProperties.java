package dev.zaiko.restock;

import java.time.Duration;

import dev.zaiko.platform.Durations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Back-in-stock alerts ({@code zaiko.restock.*}, docs/restock-alerts.md).
 *
 * @param notifyFactor       how many notices per unit available on the channel (default 1.0); the
 *                           notices of one arrival are {@code ceil(units × factor)}
 * @param holdFor            unset (default): notices hold nothing. A duration: every notified
 *                           subscriber gets a held reservation of one unit for that long
 * @param maxHoldFor         the longest hold a subscription made through the API may ask for (default 1 day)
 * @param confirmWithin      how long a public subscription waits for its confirm link to be followed
 *                           before it expires (default 48 hours)
 * @param catchUpEvery       how often the durable job looks at every queue with people waiting (and
 *                           expires unconfirmed subscriptions): what a crash kept from the stock
 *                           change listener (default 1 minute)
 * @param maxPerAddress      public subscriptions one client address may ask for per {@code window} (default 10)
 * @param maxPerEmail        public subscriptions for one email address per {@code window} (default 3)
 * @param window             the public door's rate limit window (default 1 hour)
 * @param roundLasts         how long the notices of one round count against the units on sale at most
 *                           (default 24 hours): a round also ends when nothing is on sale
 * @param linkSecret         the key that signs confirm and unsubscribe links; unset, one is made and
 *                           stored (sealed) in the database at first use
 */
@ConfigurationProperties("zaiko.restock")
public record RestockProperties(Double notifyFactor, Duration holdFor, Duration maxHoldFor, Duration confirmWithin,
                                Duration catchUpEvery, Integer maxPerAddress, Integer maxPerEmail, Duration window,
                                String linkSecret, Duration roundLasts) {

    public RestockProperties {
        if (notifyFactor == null) notifyFactor = 1.0;
        if (maxHoldFor == null) maxHoldFor = Duration.ofDays(1);
        if (confirmWithin == null) confirmWithin = Duration.ofHours(48);
        if (catchUpEvery == null) catchUpEvery = Duration.ofMinutes(1);
        if (maxPerAddress == null) maxPerAddress = 10;
        if (maxPerEmail == null) maxPerEmail = 3;
        if (window == null) window = Duration.ofHours(1);
        if (roundLasts == null) roundLasts = Duration.ofHours(24);
        if (!(notifyFactor > 0) || notifyFactor > 100) {
            throw new IllegalArgumentException("zaiko.restock.notify-factor must be above 0 and at most 100");
        }
        if (holdFor != null && !Durations.positive(holdFor)) {
            throw new IllegalArgumentException("zaiko.restock.hold-for must be positive when set");
        }
        if (!Durations.positive(maxHoldFor) || !Durations.positive(confirmWithin) || !Durations.positive(catchUpEvery)
                || !Durations.positive(window) || !Durations.positive(roundLasts)) {
            throw new IllegalArgumentException("zaiko.restock.max-hold-for, confirm-within, catch-up-every, window and round-lasts "
                    + "must be positive");
        }
        if (maxPerAddress < 1 || maxPerEmail < 1) {
            throw new IllegalArgumentException("zaiko.restock.max-per-address and max-per-email must be at least 1");
        }
    }
}
