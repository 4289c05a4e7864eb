package dev.zaiko.deal;

/**
 * Where a customer stands in a deal's waitlist. WAITING: in line. OFFERED: a unit is held for them
 * until the offer's end. TOOK: an order took the offered unit. PASSED: they let an offer go (or its
 * hold ran out); the unit went to the next in line. LEFT: they left the line.
 * CLOSED: the deal ended (or was cancelled) while they waited.
 */
public enum WaitlistStatus {
    WAITING, OFFERED, TOOK, PASSED, LEFT, CLOSED;

    /** Still in line: counted by {@link WaitingCustomers}. */
    public boolean inLine() {
        return this == WAITING || this == OFFERED;
    }
}
