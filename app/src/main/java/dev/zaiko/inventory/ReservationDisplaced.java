package dev.zaiko.inventory;

import java.util.UUID;

/**
 * Units reserved for {@code holder} were taken (forced till sale or cycle count) and no other
 * location could cover them. The order module turns this into a stockout case.
 */
public record ReservationDisplaced(UUID reservationId, String holder, String channel, String sku, String location,
                                   int quantity) {
}
