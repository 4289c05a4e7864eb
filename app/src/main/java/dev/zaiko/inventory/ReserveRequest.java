package dev.zaiko.inventory;

import java.time.Duration;

/**
 * @param holder       who the units are for, e.g. an order number and line; shown to a clerk whose
 *                     till sale would need the unit
 * @param segment      the buyer's member segment, or null
 * @param fromLocation null to take from the channel's pool (the normal case); a location code to
 *                     take every unit from that one location, also outside the pool: a transfer
 *                     from another store or warehouse that the shop arranged for a stockout. The
 *                     channel's protections still apply (a store keeps what it keeps).
 * @param hold         null: the reservation is kept until its owner releases or commits it. A
 *                     duration: it is held that long from the moment it is made, then released by
 *                     the sweep unless it was claimed ({@link ReservingStock#claim}), extended,
 *                     committed or released first (docs/reservations.md, "Holds")
 * @param drawFrom     null: take units from the channel's pool. A set-aside's id
 *                     ({@link ReservingStock#setAside}): take the units out of that set-aside
 *                     instead (a deal's quantity); refused when it holds fewer open units. Released
 *                     or expired while the set-aside is still in force, the units go back into it
 *                     ({@link SetAsideRefilled}); once it has ended, to sellable stock.
 */
public record ReserveRequest(String channel, String sku, int quantity, String holder, String segment,
                             String fromLocation, Duration hold, java.util.UUID drawFrom) {
    public ReserveRequest {
        if (drawFrom != null && fromLocation != null) {
            throw new IllegalArgumentException("a reservation drawn from a set-aside takes its locations");
        }
        if (quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
        if (hold != null && (hold.isNegative() || hold.isZero())) {
            throw new IllegalArgumentException("hold must be positive");
        }
    }

    public ReserveRequest(String channel, String sku, int quantity, String holder, String segment,
                          String fromLocation, Duration hold) {
        this(channel, sku, quantity, holder, segment, fromLocation, hold, null);
    }

    public ReserveRequest(String channel, String sku, int quantity, String holder, String segment,
                          String fromLocation) {
        this(channel, sku, quantity, holder, segment, fromLocation, null);
    }

    public ReserveRequest(String channel, String sku, int quantity, String holder, String segment) {
        this(channel, sku, quantity, holder, segment, null, null);
    }

    /** The same request, held for {@code hold} (null: kept until closed). */
    public ReserveRequest heldFor(Duration hold) {
        return new ReserveRequest(channel, sku, quantity, holder, segment, fromLocation, hold, drawFrom);
    }

    /** The same request, taking its units out of the set-aside {@code setAside}. */
    public ReserveRequest drawnFrom(java.util.UUID setAside) {
        return new ReserveRequest(channel, sku, quantity, holder, segment, null, hold, setAside);
    }
}
