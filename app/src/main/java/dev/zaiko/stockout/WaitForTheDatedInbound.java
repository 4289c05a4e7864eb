package dev.zaiko.stockout;

import java.util.List;

/**
 * WAIT is offered only with a dated inbound that arrives before the date the customer needs the
 * order by; never for a discontinued product. An aged backorder may always keep waiting. Chosen,
 * the missing units wait (BACKORDERED) with the inbound's date as their promise; nothing is refunded.
 */
class WaitForTheDatedInbound implements StockoutChoice {

    @Override
    public Choice choice() {
        return Choice.WAIT;
    }

    @Override
    public Verdict evaluate(OptionContext c) {
        if (c.agedBackorder()) {
            var date = c.nextInbound() != null ? c.nextInbound().expectedOn() : c.promisedDate();
            return date == null
                    ? Verdict.offer(Choice.WAIT, null, null, c.shortUnits(), null, null, List.of(),
                    "stockout.option.WAIT.keepUndated")
                    : Verdict.offer(Choice.WAIT, date, null, c.shortUnits(), null, null, List.of(),
                    "stockout.option.WAIT.keep", date);
        }
        if (c.discontinued()) return Verdict.withhold(Choice.WAIT, "discontinued");
        if (c.nextInbound() == null) return Verdict.withhold(Choice.WAIT, "noInbound");
        var date = c.nextInbound().expectedOn();
        if (c.neededBy() != null && !date.isBefore(c.neededBy())) {
            return Verdict.withhold(Choice.WAIT, "inboundTooLate", date, c.neededBy());
        }
        return Verdict.offer(Choice.WAIT, date, null, c.shortUnits(), null, null, List.of(),
                "stockout.option.WAIT", date, c.shortUnits());
    }

    /** Nothing goes back for the line. */
    @Override
    public String refundCause() {
        return null;
    }

    @Override
    public Outcome carryOut(Carrying c) {
        return Outcome.nothingRefunded(c.lines().waitFor(c.order(), c.lineNo(), c.option().promisedDate(), c.actor(),
                c.why()));
    }
}
