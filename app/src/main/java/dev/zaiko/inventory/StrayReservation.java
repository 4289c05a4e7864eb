package dev.zaiko.inventory;

import java.time.Instant;
import java.util.UUID;

/**
 * An open reservation that belongs to nothing: its hold ran out and nobody claimed, extended,
 * committed or released it. The sweep releases it; until then the consistency check lists it.
 *
 * @param quantity its open units
 */
public record StrayReservation(UUID id, String sku, String channel, String holder, int quantity, Instant createdAt,
                               Instant expiresAt) {
}
