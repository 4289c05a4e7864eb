package dev.zaiko.stockout;

import java.util.List;

/** CANCEL is always offered: the whole line is cancelled and everything paid for it refunded. */
class CancelWithFullRefund implements OptionRule {

    @Override
    public Choice choice() {
        return Choice.CANCEL;
    }

    @Override
    public Verdict evaluate(OptionContext c) {
        long refund = c.lineQuantity() * c.unitPrice();
        return Verdict.offer(Choice.CANCEL, null, refund, c.lineQuantity(), null, null, List.of(),
                "stockout.option.CANCEL", c.lineQuantity(), refund);
    }
}
