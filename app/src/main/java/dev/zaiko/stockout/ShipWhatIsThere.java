package dev.zaiko.stockout;

import java.util.List;

/**
 * PARTIAL is offered when something can ship now: units of this line still reserved, or another
 * line of the order ready. The missing units are cancelled and refunded.
 */
class ShipWhatIsThere implements OptionRule {

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
}
