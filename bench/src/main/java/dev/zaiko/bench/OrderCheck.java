package dev.zaiko.bench;

/**
 * Zaiko's account of an order phase. Correct when every order the buyers were told was
 * ALLOCATED is an ALLOCATED order line with its units reserved (stock level, open reservations),
 * nothing more was reserved, no unit appeared or vanished, and the ledger proves the levels.
 *
 * @param stock            units on the shelf before the phase (all its SKUs)
 * @param acknowledged     units the buyers were told were reserved (201 with ALLOCATED)
 * @param allocatedLines   order lines ALLOCATED in Zaiko's tables
 * @param allocatedUnits   their units
 * @param openReservations units of OPEN reservations
 * @param ledgerConsistent {@code GET /api/stock/consistency} says every level equals its ledger fold
 */
record OrderCheck(long stock, long acknowledged, long allocatedLines, long allocatedUnits, long openReservations,
                  long sellable, long reserved, boolean ledgerConsistent) {

    /** Units promised, allocated or reserved beyond the shelf, whichever count is highest. */
    long oversold() {
        return Math.max(0, Math.max(acknowledged, Math.max(allocatedUnits, reserved)) - stock);
    }

    boolean agree() {
        return acknowledged == allocatedUnits && allocatedUnits == reserved && reserved == openReservations
                && sellable + reserved == stock && sellable >= 0 && ledgerConsistent;
    }

    String verdict() {
        if (agree()) return "yes";
        StringBuilder why = new StringBuilder("no:");
        if (acknowledged != allocatedUnits) why.append(" acknowledged ").append(acknowledged)
                .append(" vs allocated ").append(allocatedUnits).append(';');
        if (allocatedUnits != reserved) why.append(" allocated ").append(allocatedUnits)
                .append(" vs reserved ").append(reserved).append(';');
        if (reserved != openReservations) why.append(" reserved ").append(reserved)
                .append(" vs open reservations ").append(openReservations).append(';');
        if (sellable + reserved != stock) why.append(" sellable+reserved ").append(sellable + reserved)
                .append(" vs stock ").append(stock).append(';');
        if (sellable < 0) why.append(" sellable ").append(sellable).append(';');
        if (!ledgerConsistent) why.append(" ledger inconsistent;");
        why.setLength(why.length() - 1);
        return why.toString();
    }
}
