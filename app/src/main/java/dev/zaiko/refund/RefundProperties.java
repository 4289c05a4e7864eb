package dev.zaiko.refund;

import java.time.Duration;
import dev.zaiko.platform.Durations;

import dev.zaiko.wallet.DiscountKind;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shop's refund policy.
 *
 * @param accountDeadline   how long a customer who paid cash at a convenience store (or by bank
 *                          transfer) has to register a bank account, from the refund's request;
 *                          after it a convenience-store refund goes to the gift balance for good
 *                          (default 7 days)
 * @param reminderBefore    how long before that deadline the customer is reminded (default 2 days)
 * @param maxAttempts       attempts of a refund through the gateway before a person is asked (default 6)
 * @param firstRetryAfter   wait before the second attempt; each further wait doubles (default 1 minute)
 * @param maxRetryAfter     the longest wait between attempts (default 1 hour)
 * @param deadlineCheckEvery how often the durable job sends reminders and applies deadlines (default 15 minutes)
 * @param apologyUrgent     apology coupon for express, gift and business orders
 * @param apologyStandard   apology coupon for every other order of the shop's own channels
 */
@ConfigurationProperties("zaiko.refund")
public record RefundProperties(Duration accountDeadline, Duration reminderBefore, Integer maxAttempts,
                               Duration firstRetryAfter, Duration maxRetryAfter, Duration deadlineCheckEvery,
                               Apology apologyUrgent, Apology apologyStandard) {

    /**
     * @param enabled   whether this apology coupon is given at all
     * @param kind      FIXED (yen off) or PERCENT
     * @param value     yen, or percent (1-100)
     * @param validDays how long the coupon can be used, from the day it is issued
     */
    public record Apology(Boolean enabled, DiscountKind kind, Long value, Integer validDays) {
        Apology withDefaults(long defaultValue) {
            Apology a = new Apology(enabled == null || enabled, kind == null ? DiscountKind.FIXED : kind,
                    value == null ? defaultValue : value, validDays == null ? 90 : validDays);
            if (a.value <= 0 || (a.kind == DiscountKind.PERCENT && a.value > 100) || a.validDays <= 0) {
                throw new IllegalArgumentException("zaiko.refund.apology-*: value must be positive (at most 100 for "
                        + "PERCENT) and valid-days positive, got " + a);
            }
            return a;
        }
    }

    public RefundProperties {
        if (accountDeadline == null) accountDeadline = Duration.ofDays(7);
        if (reminderBefore == null) reminderBefore = Duration.ofDays(2);
        if (maxAttempts == null) maxAttempts = 6;
        if (firstRetryAfter == null) firstRetryAfter = Duration.ofMinutes(1);
        if (maxRetryAfter == null) maxRetryAfter = Duration.ofHours(1);
        if (deadlineCheckEvery == null) deadlineCheckEvery = Duration.ofMinutes(15);
        apologyUrgent = (apologyUrgent == null ? new Apology(null, null, null, null) : apologyUrgent).withDefaults(1000);
        apologyStandard = (apologyStandard == null ? new Apology(null, null, null, null) : apologyStandard)
                .withDefaults(500);
        if (!Durations.positive(accountDeadline) || reminderBefore.isNegative() || maxAttempts < 1
                || !Durations.positive(firstRetryAfter) || maxRetryAfter.compareTo(firstRetryAfter) < 0
                || !Durations.positive(deadlineCheckEvery)) {
            throw new IllegalArgumentException("zaiko.refund: deadline, waits and check interval must be positive, "
                    + "max-attempts at least 1, max-retry-after at least first-retry-after");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: doubling from the first, capped. */
    Duration retryAfter(int attempts) {
        return dev.zaiko.platform.Durations.doubling(firstRetryAfter, maxRetryAfter, attempts);
    }
}
