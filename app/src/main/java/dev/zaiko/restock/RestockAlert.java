package dev.zaiko.restock;

import java.time.Instant;
import java.util.UUID;

/**
 * One person's subscription for one SKU on one channel.
 *
 * @param place         its position key in the queue (smaller is earlier); not a rank
 * @param reservationId the hold given with the notice, or null
 * @param heldUntil     until when that hold keeps the unit, or null
 */
public record RestockAlert(UUID id, String sku, String channel, String email, String locale, String source,
                           RestockAlertStatus status, long place, Instant subscribedAt, Instant confirmedAt,
                           Instant notifiedAt, Long notifiedRound, UUID reservationId, Instant heldUntil,
                           Instant unsubscribedAt) {
}
