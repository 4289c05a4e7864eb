package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

import dev.zaiko.inventory.StockElsewhere;
import dev.zaiko.order.Order;

/**
 * TRANSFER is offered when the shop allows it and one store or warehouse outside the channel's
 * pool can send all the missing units (after its own protections) in time. Chosen, the line is
 * fulfilled from that location by the promised date; nothing is refunded.
 */
class TransferFromAnotherLocation implements StockoutChoice {

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

    /** Nothing goes back for the line. */
    @Override
    public String refundCause() {
        return null;
    }

    @Override
    public Outcome carryOut(Carrying c) {
        return Outcome.nothingRefunded(c.lines().fulfilFromElsewhere(c.order(), c.lineNo(),
                new Order.Fulfilment(Order.Fulfilment.TRANSFER, c.option().source()), c.option().promisedDate(),
                c.actor(), c.why()));
    }
}
