package dev.zaiko.channel;

import java.time.Instant;

/**
 * A channel's marketplace adapter as configured, and how its pushing goes.
 *
 * @param cursor every feed entry up to this seq was pushed
 * @param queued SKUs read from the feed and waiting for their push (on this instance)
 */
public record ChannelAdapter(String channel, String marketplace, String url, double requestsPerSecond, int batch,
                             int safetyFloor, long cursor, int failures, String lastError, Instant lastPushedAt,
                             int queued) {
}
