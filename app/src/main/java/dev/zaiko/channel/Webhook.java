package dev.zaiko.channel;

import java.time.Instant;
import java.util.UUID;

/**
 * A channel's webhook endpoint as shown (never a secret).
 *
 * @param status                 {@code ACTIVE}, or {@code DISABLED} after failing too long (no deliveries
 *                               until enabled again)
 * @param cursor                 the seq of the last feed entry the endpoint acknowledged
 * @param failures               failed attempts in a row (0 after a delivery succeeded)
 * @param failingSince           the first failure after the last success, else null
 * @param nextAttemptAt          when a failing endpoint is tried again, else null
 * @param lastError              why the last attempt failed, else null
 * @param disabledAt             when it was disabled, else null
 * @param disabledReason         why, else null
 * @param previousSecretValidUntil until when deliveries are also signed with the secret replaced last, else null
 */
public record Webhook(UUID id, String channel, String url, String status, long cursor, int failures,
                      Instant failingSince, Instant nextAttemptAt, String lastError, Instant lastDeliveredAt,
                      Instant disabledAt, String disabledReason, Instant previousSecretValidUntil, Instant createdAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLED = "DISABLED";
}
