package dev.zaiko.inventory;

/**
 * DISPLACED: the units were taken by a forced till sale or a cycle count and no other location
 * could cover them; the holder's order has to become a stockout case. DEFECTIVE: the units were
 * found defective while packing and set aside as DEFECTIVE stock. DRAWN: a set-aside's units
 * handed on, all of them, to a reservation drawn from it (docs/reservations.md, "Set-asides").
 */
public enum ReservationStatus {
    OPEN, RELEASED, COMMITTED, DISPLACED, DEFECTIVE, DRAWN
}
