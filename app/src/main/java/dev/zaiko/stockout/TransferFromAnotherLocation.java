package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

import dev.zaiko.inventory.StockElsewhere;

/**
 * TRANSFER is offered when the shop allows it and one store or warehouse outside the channel's
 * pool can send all the missing units (after its own protections) in time.
 */
class TransferFromAnotherLocation implements OptionRule {

    @Override
    public Choice choice() {
        return Choice.TRANSFER;
    }

    @Override
    public Verdict evaluate(OptionContext c) {
        if (c.agedBackorder()) return Verdict.withhold(Choice.TRANSFER, "agedBackorder");
        if (!c.policy().transfer()) return Verdict.withhold(Choice.TRANSFER, "notAllowed");
        StockElsewhere from = c.elsewhere().stream().filter(e -> e.ats() >= c.shortUnits()).findFirst().orElse(null);
        if (from == null) return Verdict.withhold(Choice.TRANSFER, "noStockElsewhere");
        LocalDate arrives = c.calendar().plusBusinessDays(c.today(), c.policy().transferDays());
        if (!c.inTime(arrives)) return Verdict.withhold(Choice.TRANSFER, "tooLate", arrives, c.neededBy());
        return Verdict.offer(Choice.TRANSFER, arrives, null, c.shortUnits(), from.location(), from.name(), List.of(),
                "stockout.option.TRANSFER", arrives, from.name());
    }
}
