package dev.zaiko.bench;

/**
 * The database's account of a run. Units are reserved correctly when the stock level's
 * reserved bucket, the open reservation rows, the ledger and the buyers who were told "yes"
 * all say the same number, and no unit appeared or vanished between the buckets.
 *
 * @param initialStock      units on the shelf before the run
 * @param unitsAcknowledged units the buyers were told were reserved
 * @param reservationRows   units in OPEN reservation rows
 * @param ledgerUnits       units moved SELLABLE to RESERVED in the movement ledger
 */
public record CountersCheck(long initialStock, long unitsAcknowledged, long reservationRows,
                            long ledgerUnits, long sellable, long reserved) {

    /** Units promised beyond what was on the shelf. */
    public long oversold() {
        return Math.max(0, unitsAcknowledged - initialStock);
    }

    public boolean agree() {
        return reserved == reservationRows
                && reservationRows == ledgerUnits
                && reservationRows == unitsAcknowledged
                && sellable + reserved == initialStock;
    }

    /** "yes", or which counters disagree, short enough for a table cell. */
    public String verdict() {
        if (agree()) {
            return "yes";
        }
        StringBuilder why = new StringBuilder("no:");
        if (reserved != reservationRows) {
            why.append(" reserved ").append(reserved).append(" vs rows ").append(reservationRows).append(';');
        }
        if (reservationRows != ledgerUnits) {
            why.append(" ledger ").append(ledgerUnits).append(" vs rows ").append(reservationRows).append(';');
        }
        if (reservationRows != unitsAcknowledged) {
            why.append(" acknowledged ").append(unitsAcknowledged).append(" vs rows ").append(reservationRows).append(';');
        }
        if (sellable + reserved != initialStock) {
            why.append(" sellable+reserved ").append(sellable + reserved).append(" vs stock ").append(initialStock).append(';');
        }
        why.setLength(why.length() - 1);
        return why.toString();
    }
}
