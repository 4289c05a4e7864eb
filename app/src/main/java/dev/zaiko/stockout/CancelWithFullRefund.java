package dev.zaiko.stockout;

import java.util.List;

/**
 * CANCEL is always offered: chosen, the whole line is cancelled and everything paid for it
 * refunded ({@code LINE_CANCELLED}).
 */
class CancelWithFullRefund implements StockoutChoice {

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

    /** Money goes back as LINE_CANCELLED. */
    @Override
    public String refundCause() {
        return RefundRequested.LINE_CANCELLED;
    }

    @Override
    public Outcome carryOut(Carrying c) {
        return Outcome.cancelledRefunded(c.lines().cancel(c.order(), c.lineNo(), c.actor(), c.why()));
    }
}
