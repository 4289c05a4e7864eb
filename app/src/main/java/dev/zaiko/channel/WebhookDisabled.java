package dev.zaiko.channel;

import java.time.Instant;
import java.util.UUID;

/**
 * A webhook endpoint failed for too long without a single success and receives nothing until it is
 * enabled again ({@code POST /api/channels/{channel}/webhooks/{id}/enable}). Published in the
 * transaction that disabled it.
 *
 * @param reason how long and how often it failed, and the last error (never its URL or secret)
 */
public record WebhookDisabled(UUID id, String channel, String reason, Instant at) {
}
