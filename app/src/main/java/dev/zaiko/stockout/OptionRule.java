package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

/**
 * One of the shop's option rules: whether a choice can work for this case and on what terms.
 * Every rule is listed in {@link OptionRules}.
 */
interface OptionRule {

    Choice choice();

    Verdict evaluate(OptionContext c);

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
}
