package dev.zaiko.stockout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every choice a customer can have, listed once, in the order the options are read to the
 * customer: the ones that still deliver the item first, cancelling last. Each {@link Choice} has
 * exactly one class here (a test holds the list to that); a new choice is one class and one line.
 */
final class StockoutChoices {

    static final List<StockoutChoice> ALL = List.of(
            new WaitForTheDatedInbound(),
            new OfferSubstitutes(),
            new ShipDirectFromTheSupplier(),
            new TransferFromAnotherLocation(),
            new ShipWhatIsThere(),
            new CancelWithFullRefund());

    private static final Map<Choice, StockoutChoice> BY_CHOICE = byChoice();

    private StockoutChoices() {
    }

    /** The offered options, in {@link #ALL}'s order, and the ones withheld with why. */
    static StockoutOption.Options evaluate(OptionContext context) {
        List<StockoutOption> offered = new ArrayList<>();
        List<StockoutOption.NotOffered> withheld = new ArrayList<>();
        for (StockoutChoice choice : ALL) {
            StockoutChoice.Verdict v = choice.evaluate(context);
            if (v.offered() != null) offered.add(v.offered());
            else withheld.add(v.withheld());
        }
        return new StockoutOption.Options(offered, withheld);
    }

    /** The class that offers and carries out {@code choice}. */
    static StockoutChoice of(Choice choice) {
        StockoutChoice found = BY_CHOICE.get(choice);
        if (found == null) throw new IllegalStateException("No class carries out the choice " + choice + ".");
        return found;
    }

    private static Map<Choice, StockoutChoice> byChoice() {
        Map<Choice, StockoutChoice> map = new EnumMap<>(Choice.class);
        for (StockoutChoice c : ALL) {
            StockoutChoice earlier = map.putIfAbsent(c.choice(), c);
            if (earlier != null) {
                throw new IllegalStateException(c.choice() + " is carried out by both "
                        + earlier.getClass().getSimpleName() + " and " + c.getClass().getSimpleName() + ".");
            }
        }
        return map;
    }
}
