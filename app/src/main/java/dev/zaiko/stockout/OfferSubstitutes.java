package dev.zaiko.stockout;

import java.util.List;

/** SUBSTITUTE is offered when at least one product serving the same purpose is in stock and priced within the rules. */
class OfferSubstitutes implements OptionRule {

    @Override
    public Choice choice() {
        return Choice.SUBSTITUTE;
    }

    @Override
    public Verdict evaluate(OptionContext c) {
        if (c.agedBackorder()) return Verdict.withhold(Choice.SUBSTITUTE, "agedBackorder");
        if (c.product() == null) return Verdict.withhold(Choice.SUBSTITUTE, "unknownProduct");
        if (c.substitutes().isEmpty()) return Verdict.withhold(Choice.SUBSTITUTE, "noSubstitute");
        SubstituteCandidate best = c.substitutes().get(0);
        return Verdict.offer(Choice.SUBSTITUTE, best.shipsOn(), null, c.shortUnits(), null, null, c.substitutes(),
                "stockout.option.SUBSTITUTE", c.substitutes().size());
    }

}
