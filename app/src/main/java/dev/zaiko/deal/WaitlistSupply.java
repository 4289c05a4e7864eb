package dev.zaiko.deal;

import java.util.UUID;

import dev.zaiko.inventory.Reservation;
import dev.zaiko.inventory.ReservingStock;
import org.springframework.stereotype.Component;

/**
 * What the waitlist asks the inventory: the open units in a deal's set-aside, and what became of an
 * offer's reservation. One seam, so the waitlist's rules can be tested without a deal's set-aside.
 */
@Component
class WaitlistSupply {

    private final ReservingStock reserving;

    WaitlistSupply(ReservingStock reserving) {
        this.reserving = reserving;
    }

    /** Units in the deal's set-aside that nobody holds; 0 before it starts. */
    int openUnits(Deal deal) {
        return deal.setAside() == null ? 0 : reserving.setAsideUnits(deal.setAside());
    }

    /** What became of an offer's held unit. */
    enum Fate { HELD, TAKEN, GONE }

    /**
     * HELD: still an unclaimed hold. TAKEN: claimed (an order recorded it: kept without a hold) or
     * committed (shipped). GONE: released, expired or displaced: the unit went back.
     */
    Fate fate(UUID reservationId) {
        Reservation r = reserving.find(reservationId).orElse(null);
        if (r == null) return Fate.GONE;
        return switch (r.status()) {
            case OPEN -> r.expiresAt() == null ? Fate.TAKEN : Fate.HELD;
            case COMMITTED -> Fate.TAKEN;
            default -> Fate.GONE;
        };
    }

    /** Lets a held unit go back (the customer passed or left); false when it was no longer open. */
    boolean release(UUID reservationId) {
        try {
            reserving.release(reservationId);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
