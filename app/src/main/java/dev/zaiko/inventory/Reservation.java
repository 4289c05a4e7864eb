package dev.zaiko.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * @param expiresAt when an unclaimed hold runs out and the sweep releases the reservation; null
 *                  when it is kept until its owner closes it (an order's, once the order is
 *                  recorded), and once it is closed
 * @param drawnFrom the set-aside its units were drawn from (a deal's), or null
 */
public record Reservation(UUID id, String sku, String channel, String holder, String segment,
                          List<ReservationPart> parts, Instant createdAt, Instant expiresAt, UUID drawnFrom) {

    public Reservation(UUID id, String sku, String channel, String holder, String segment,
                       List<ReservationPart> parts, Instant createdAt, Instant expiresAt) {
        this(id, sku, channel, holder, segment, parts, createdAt, expiresAt, null);
    }

    /** OPEN while any part is open; otherwise the state all its parts ended in (DISPLACED wins). */
    @JsonProperty("status")
    public ReservationStatus status() {
        if (parts.stream().anyMatch(p -> p.status() == ReservationStatus.OPEN)) return ReservationStatus.OPEN;
        if (parts.stream().anyMatch(p -> p.status() == ReservationStatus.DISPLACED)) return ReservationStatus.DISPLACED;
        return parts.isEmpty() ? ReservationStatus.RELEASED : parts.get(0).status();
    }

    @JsonProperty("quantity")
    public int quantity() {
        return parts.stream().mapToInt(ReservationPart::quantity).sum();
    }
}
