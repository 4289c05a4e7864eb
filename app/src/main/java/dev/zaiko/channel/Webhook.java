package dev.zaiko.channel;

import java.time.Instant;
import java.util.UUID;

/**
 * A channel's webhook endpoint as shown (never its secret).
 *
 * @param cursor          the seq of the last feed entry the endpoint acknowledged
 * @param failures        failed attempts in a row (0 after a delivery succeeded)
 * @param nextAttemptAt   when a failing endpoint is tried again, else null
 * @param lastError       why the last attempt failed, else null
 */
public record Webhook(UUID id, String channel, String url, long cursor, int failures, Instant nextAttemptAt,
                      String lastError, Instant lastDeliveredAt, Instant createdAt) {
}
