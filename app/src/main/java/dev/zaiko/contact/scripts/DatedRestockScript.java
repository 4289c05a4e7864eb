package dev.zaiko.contact.scripts;

import java.util.List;

import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutOption;

/**
 * DATED_RESTOCK: waiting for a dated delivery is offered. The call gives the date and asks
 * whether to wait or cancel, naming the other options offered too.
 */
class DatedRestockScript implements ScriptVariant {

    @Override
    public String name() {
        return "DATED_RESTOCK";
    }

    @Override
    public boolean appliesTo(ScriptSituation s) {
        return s.restockDate().isPresent() && s.restockDate().get() != null;
    }

    @Override
    public List<String> afterReason(ScriptSituation s, ScriptWords w) {
        return List.of(w.t("facts.DATED_RESTOCK", w.date(s.restockDate().orElseThrow())));
    }

    @Override
    public List<StockoutOption> toRead(ScriptSituation s) {
        return ScriptVariant.first(s.offered(), Choice.WAIT, Choice.CANCEL);
    }

    @Override
    public List<String> question(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        List<Choice> others = read.stream().map(StockoutOption::choice)
                .filter(c -> c != Choice.WAIT && c != Choice.CANCEL).toList();
        return others.isEmpty() ? List.of(w.t("choice.ask.DATED_RESTOCK"))
                : List.of(w.t("choice.ask.DATED_RESTOCK"), w.t("choice.ask.DATED_RESTOCK.others", w.labels(others)));
    }
}
