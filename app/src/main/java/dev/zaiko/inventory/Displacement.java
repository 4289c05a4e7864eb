package dev.zaiko.inventory;

import java.util.UUID;

/**
 * A reservation that lost its units at a location to a forced till sale or a cycle count.
 *
 * @param movedTo the location that now covers it, or null when none could: then the holder's
 *                order line has lost its stock and must become a stockout case
 */
public record Displacement(UUID reservationId, String holder, String channel, String sku, String location,
                           int quantity, String movedTo) {
    public boolean displaced() {
        return movedTo == null;
    }
}
