package dev.zaiko.inventory;

import java.util.List;
import java.util.UUID;

/**
 * The engine's answer to one reserve request.
 *
 * @param available what the channel could take when the request was decided (before it, if
 *                  reserved), so a refused caller can say how many are left
 * @param refusal   null when reserved; otherwise why not, in words for a developer's log
 */
public record ReservationOutcome(String sku, boolean reserved, UUID reservationId, List<ReservationPart> parts,
                                 int available, String refusal) {

    static ReservationOutcome reserved(String sku, UUID id, List<ReservationPart> parts, int available) {
        return new ReservationOutcome(sku, true, id, List.copyOf(parts), available, null);
    }

    static ReservationOutcome refused(String sku, int available, String refusal) {
        return new ReservationOutcome(sku, false, null, List.of(), available, refusal);
    }
}
