package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

import dev.zaiko.inventory.StockElsewhere;
import dev.zaiko.order.Order;
import dev.zaiko.shop.BusinessDays;

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

    /**
     * When a transfer started today reaches the customer: the shop's transfer days, counted in business
     * days. The one rule for that date (the stockout option and the lead-time answer both use it).
     */
    static LocalDate arrives(BusinessDays calendar, LocalDate today, StockoutOptionsProperties policy) {
        return calendar.plusBusinessDays(today, policy.transferDays());
    }

    @Override
    public Verdict evaluate(OptionContext c) {
        if (c.agedBackorder()) return Verdict.withhold(Choice.TRANSFER, "agedBackorder");
        if (!c.policy().transfer()) return Verdict.withhold(Choice.TRANSFER, "notAllowed");
        StockElsewhere from = c.elsewhere().stream().filter(e -> e.ats() >= c.shortUnits()).findFirst().orElse(null);
        if (from == null) return Verdict.withhold(Choice.TRANSFER, "noStockElsewhere");
        LocalDate arrives = arrives(c.calendar(), c.today(), c.policy());
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
