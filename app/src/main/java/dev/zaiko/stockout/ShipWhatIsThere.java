package dev.zaiko.stockout;

import java.util.List;

/**
 * PARTIAL is offered when something can ship now: units of this line still reserved, or another
 * line of the order ready. Chosen, the missing units are cancelled and refunded
 * ({@code MISSING_UNITS_CANCELLED}); the rest ships.
 */
class ShipWhatIsThere implements StockoutChoice {

    @Override
    public Choice choice() {
        return Choice.PARTIAL;
    }

    @Override
    public Verdict evaluate(OptionContext c) {
        if (c.agedBackorder()) return Verdict.withhold(Choice.PARTIAL, "agedBackorder");
        if (c.reservedUnits() == 0 && !c.otherLinesShip()) return Verdict.withhold(Choice.PARTIAL, "nothingElseToShip");
        long refund = c.shortUnits() * c.unitPrice();
        return Verdict.offer(Choice.PARTIAL, null, refund, c.shortUnits(), null, null, List.of(),
                "stockout.option.PARTIAL", c.shortUnits(), refund);
    }

    /** Money goes back as MISSING_UNITS_CANCELLED. */
    @Override
    public String refundCause() {
        return RefundRequested.MISSING_UNITS_CANCELLED;
    }

    @Override
    public Outcome carryOut(Carrying c) {
        return Outcome.cancelledRefunded(c.lines().shipWhatIsThere(c.order(), c.lineNo(), c.actor(), c.why()));
    }
}
