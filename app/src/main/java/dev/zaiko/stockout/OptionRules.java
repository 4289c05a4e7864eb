package dev.zaiko.stockout;

import java.util.ArrayList;
import java.util.List;

/**
 * The shop's option rules in one place, in the order the options are read to the customer: the
 * ones that still deliver the item first, cancelling last.
 */
final class OptionRules {

    static final List<OptionRule> ALL = List.of(
            new WaitForTheDatedInbound(),
            new OfferSubstitutes(),
            new ShipDirectFromTheSupplier(),
            new TransferFromAnotherLocation(),
            new ShipWhatIsThere(),
            new CancelWithFullRefund());

    private OptionRules() {
    }

    static StockoutOption.Options evaluate(OptionContext context) {
        List<StockoutOption> offered = new ArrayList<>();
        List<StockoutOption.NotOffered> withheld = new ArrayList<>();
        for (OptionRule rule : ALL) {
            OptionRule.Verdict v = rule.evaluate(context);
            if (v.offered() != null) offered.add(v.offered());
            else withheld.add(v.withheld());
        }
        return new StockoutOption.Options(offered, withheld);
    }
}
