package dev.zaiko.channel;

import java.time.Instant;

/**
 * A channel's marketplace adapter as configured, and how its pushing goes.
 *
 * @param cursor        every feed entry up to this seq was pushed
 * @param nextAttemptAt when the holder tries again after a failed or throttled push (null: no wait)
 * @param heldBy        the instance pushing the channel now (null: none, e.g. all stopped), until
 *                      {@code heldUntil} unless it renews
 * @param queued        SKUs read from the feed and waiting for their push (on this instance: 0 when
 *                      another one holds the channel)
 */
public record ChannelAdapter(String channel, String marketplace, String url, double requestsPerSecond, int batch,
                             int safetyFloor, long cursor, int failures, String lastError, Instant nextAttemptAt,
                             Instant lastPushedAt, String heldBy, Instant heldUntil, int queued) {
}
