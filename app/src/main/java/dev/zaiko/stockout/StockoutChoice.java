package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

import dev.zaiko.order.ChangingOrderLines;
import dev.zaiko.order.OrderNumber;

/**
 * One choice a customer has when an ordered item is missing, whole in one class: the rule that
 * decides whether it is offered and on what terms ({@link #evaluate}), what choosing it does to
 * the order ({@link #carryOut}), and the cause under which money goes back for it
 * ({@link #refundCause}). Every choice is listed once in {@link StockoutChoices}: adding a choice
 * is one class and one line there.
 */
interface StockoutChoice {

    Choice choice();

    /** Whether this choice can work for the case as it stands now, and on what terms. */
    Verdict evaluate(OptionContext c);

    /**
     * The cause a refund for this choice is requested under ({@link RefundRequested}); null when
     * the choice itself never gives money back.
     */
    String refundCause();

    /**
     * Changes the order as the offered option says, inside the decision's transaction and under
     * the case's row lock.
     *
     * @throws dev.zaiko.platform.ConflictException the order's own conflicts, or the choice's
     *                                              ({@code substitute-not-offered})
     * @throws dev.zaiko.platform.InvalidRequestException the decision lacks what this choice needs
     */
    Outcome carryOut(Carrying c);

    /** Either the option offered, or why not. */
    record Verdict(StockoutOption offered, StockoutOption.NotOffered withheld) {

        static Verdict offer(Choice choice, LocalDate promisedDate, Long refund, int units, String source,
                             String sourceName, List<SubstituteCandidate> substitutes, String textKey, Object... args) {
            return new Verdict(new StockoutOption(choice, promisedDate, refund, units, source, sourceName, substitutes,
                    textKey, List.of(args)), null);
        }

        static Verdict withhold(Choice choice, String code, Object... args) {
            return new Verdict(null, new StockoutOption.NotOffered(choice, code, List.of(args)));
        }
    }

    /**
     * What carrying out a decision needs.
     *
     * @param lines         the order's side of every change
     * @param lineNo        the case's line
     * @param option        the option exactly as it is offered now
     * @param substituteSku the customer's pick among the offered substitutes (SUBSTITUTE), else ignored
     * @param actor         who decided, for the order's history
     * @param why           the history's explanation
     */
    record Carrying(ChangingOrderLines lines, OrderNumber order, int lineNo, StockoutOption option,
                    String substituteSku, String actor, String why) {
    }

    /**
     * What carrying out did.
     *
     * @param change        the order's change (the line that carries the decision, units, shipping fee)
     * @param substituteSku the substitute now on the order, or null
     * @param refund        whole yen going back for the line (0 when nothing is)
     * @param absorbed      what the shop gives up on a dearer substitute sold at the price paid
     */
    record Outcome(ChangingOrderLines.Change change, String substituteSku, long refund, long absorbed) {

        /** The order changed and no money goes back for the line. */
        static Outcome nothingRefunded(ChangingOrderLines.Change change) {
            return new Outcome(change, null, 0, 0);
        }

        /** The order changed and what it cancelled goes back. */
        static Outcome cancelledRefunded(ChangingOrderLines.Change change) {
            return new Outcome(change, null, change.cancelledAmount(), 0);
        }
    }
}
