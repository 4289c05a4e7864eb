package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

/**
 * One ranked substitute with everything the call and the follow-up email need: the price the
 * customer pays, what is refunded or absorbed, when it ships and a side-by-side comparison with
 * the missing product.
 *
 * @param rank                1 is offered first
 * @param pinned              the shop named it as a substitute for the product
 * @param listPrice           the substitute's own price per unit, whole yen
 * @param originalUnitPrice   what the customer paid per unit of the missing product
 * @param available           units the order's channel can have now
 * @param shipsOn             the day it can ship (today, or the next business day after closing)
 * @param fallsShortOn        the attributes that matter on which it is worse (empty: none)
 */
public record SubstituteCandidate(int rank, String sku, StockoutFacts.Name name, boolean pinned, int quantity,
                                  long listPrice, long originalUnitPrice, SubstitutePrice price, int available,
                                  LocalDate shipsOn, List<String> fallsShortOn, List<ComparisonRow> comparison) {

    public SubstituteCandidate {
        fallsShortOn = List.copyOf(fallsShortOn);
        comparison = List.copyOf(comparison);
    }

    /**
     * How a substitute's attribute compares with the missing product's. For a number where neither
     * more nor less is better (CLOSEST): CLOSE within {@code RankingSubstitutes.CLOSE_ENOUGH} of the
     * original, FAR beyond it (520 g against 88 g is not "about the same").
     */
    public enum Verdict {
        BETTER, SAME, CLOSE, FAR, WORSE, DIFFERENT, MISSING
    }

    /**
     * @param original   the missing product's value with its unit ({@code 1500 mm}), null when it has none
     * @param substitute the substitute's value with its unit, null when it has none
     * @param matters    whether the category's rules rank by this attribute
     */
    public record ComparisonRow(String attribute, String original, String substitute, Verdict verdict,
                                boolean matters) {
    }
}
