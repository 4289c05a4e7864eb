package dev.zaiko.inventory;

import java.util.UUID;

/**
 * Units drawn from a set-aside came back into it: the reservation that took them was released, or
 * its hold ran out, while the set-aside was still in force (a deal unit a buyer did not take).
 * Published after the change is committed.
 *
 * @param setAside      the set-aside the units are back in
 * @param reservationId the reservation that had drawn them
 * @param holdExpired   true when the hold ran out (the sweep), false for a release
 */
public record SetAsideRefilled(UUID setAside, String sku, UUID reservationId, int units, boolean holdExpired) {
}
