package dev.zaiko.inventory;

/**
 * What became of the units drawn from a set-aside (a deal's), now.
 *
 * @param held    in reservations still held (carts, offers): they come back if not taken
 * @param kept    in reservations an order claimed, not shipped yet
 * @param shipped in reservations committed (shipped)
 */
public record DrawnUnits(int held, int kept, int shipped) {

    /** Sold: claimed by an order or shipped. */
    public int sold() {
        return kept + shipped;
    }
}
