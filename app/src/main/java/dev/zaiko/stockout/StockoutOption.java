package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

/**
 * One choice the customer really has, with what it means for them.
 *
 * @param promisedDate  WAIT: the inbound's date; DROP_SHIP and TRANSFER: the expected delivery
 * @param refundAmount  whole yen refunded if chosen (CANCEL: the whole line; PARTIAL: the missing
 *                      units); null when nothing is refunded as such (a substitute's refund is
 *                      per candidate)
 * @param units         how many units the choice applies to (the line's missing units; CANCEL: the whole line)
 * @param source        DROP_SHIP: the supplier; TRANSFER: the location code the units come from
 * @param sourceName    TRANSFER: the location's name
 * @param substitutes   SUBSTITUTE: ranked candidates, best first; empty otherwise
 * @param textKey       message key of the explanation read to the customer ({@code stockout.option.*})
 * @param textArgs      its arguments
 */
public record StockoutOption(Choice choice, LocalDate promisedDate, Long refundAmount, int units, String source,
                             String sourceName, List<SubstituteCandidate> substitutes, String textKey,
                             List<Object> textArgs) {

    public StockoutOption {
        substitutes = List.copyOf(substitutes);
        textArgs = List.copyOf(textArgs);
    }

    /** A choice that cannot work here, and why ({@code stockout.withheld.<code>}), so staff can explain it. */
    public record NotOffered(Choice choice, String code, List<Object> args) {
        public NotOffered {
            args = List.copyOf(args);
        }
    }

    /** The options offered, in the order they are read to the customer, and the ones withheld. */
    public record Options(List<StockoutOption> offered, List<NotOffered> withheld) {
        public Options {
            offered = List.copyOf(offered);
            withheld = List.copyOf(withheld);
        }

        public java.util.Optional<StockoutOption> offered(Choice choice) {
            return offered.stream().filter(o -> o.choice() == choice).findFirst();
        }
    }
}
