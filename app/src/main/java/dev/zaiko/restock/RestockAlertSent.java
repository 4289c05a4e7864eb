package dev.zaiko.restock;

import java.time.Instant;
import java.util.UUID;

/**
 * A back-in-stock notice was committed (its email is in the outbox). Published in memory right after
 * that commit, before the next notice is considered; not durable.
 *
 * @param reservationId the unit held for the subscriber, or null
 * @param heldUntil     until when, or null
 */
public record RestockAlertSent(UUID subscription, String sku, String channel, long round, UUID reservationId,
                               Instant heldUntil) {
}
