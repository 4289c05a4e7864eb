package dev.zaiko.contact.scripts;

import java.util.List;

import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutOption;

/**
 * One kind of apology call: when it applies and what it says differently from the others. The
 * structure (OPENING, CUSHION, FACTS, OPTIONS, CHOICE, CLOSING) is the same for all and written
 * by {@link WritingCallScripts}; a variant fills in its own lines. Every variant is listed in
 * {@link ScriptVariants}, where the first that applies wins.
 */
interface ScriptVariant {

    /** {@code B2B}, {@code NOT_IN_TIME}, ...: also the key of its own texts ({@code contact.script.<part>.<name>}). */
    String name();

    boolean appliesTo(ScriptSituation s);

    /** The words that soften the news before it is told. */
    default List<String> cushion(ScriptSituation s, ScriptWords w) {
        return List.of(w.t("cushion." + name()));
    }

    /** What follows the reason in FACTS: what the shortage means for this customer. */
    default List<String> afterReason(ScriptSituation s, ScriptWords w) {
        return List.of();
    }

    /**
     * The offered options this call reads, in the order it reads them; never an option that is not
     * offered. By default all of them, in the order the case gives.
     */
    default List<StockoutOption> toRead(ScriptSituation s) {
        return s.offered();
    }

    /** The sentence before the options. */
    default List<String> optionsLead(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        return List.of(w.t("options.lead"));
    }

    /** Commitments after the options. */
    default List<String> afterOptions(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        return List.of();
    }

    /** The question that asks the customer to choose. */
    default List<String> question(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        return List.of(w.t("choice.ask"));
    }

    /** The promise about next time in CLOSING (次回, never 今後とも). */
    default String nextTime(ScriptSituation s, ScriptWords w) {
        return w.t("closing.next");
    }

    /** The options read, in the order given, with the ones named first moved to the front. */
    static List<StockoutOption> first(List<StockoutOption> options, Choice... front) {
        List<StockoutOption> ordered = new java.util.ArrayList<>();
        for (Choice c : front) options.stream().filter(o -> o.choice() == c).forEach(ordered::add);
        options.stream().filter(o -> !ordered.contains(o)).forEach(ordered::add);
        return ordered;
    }
}
