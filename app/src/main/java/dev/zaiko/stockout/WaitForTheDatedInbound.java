package dev.zaiko.stockout;

import java.util.List;

/**
 * WAIT is offered only with a dated inbound that arrives before the date the customer needs the
 * order by; never for a discontinued product. An aged backorder may always keep waiting.
 */
class WaitForTheDatedInbound implements OptionRule {

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
}
