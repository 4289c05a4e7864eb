package dev.zaiko.inventory;

import java.util.UUID;

/**
 * The engine's answer to a release or commit.
 *
 * @param refusal null when applied; otherwise why not (e.g. the reservation was already released)
 */
public record ReservationChange(UUID reservationId, boolean applied, String refusal) {
}
