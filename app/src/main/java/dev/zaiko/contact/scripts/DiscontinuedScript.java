package dev.zaiko.contact.scripts;

import java.util.List;

import dev.zaiko.order.OrderLineShort;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutOption;

/**
 * DISCONTINUED: the item will not come back (the manufacturer stopped making it, or no dated
 * delivery exists) and a substitute is offered. The call says there is no restock and proposes
 * the best substitute first, with what is the same, better or different and its price rule.
 */
class DiscontinuedScript implements ScriptVariant {

    @Override
    public String name() {
        return "DISCONTINUED";
    }

    @Override
    public boolean appliesTo(ScriptSituation s) {
        return s.makerStopped() || (!s.offered(Choice.WAIT) && s.offered(Choice.SUBSTITUTE));
    }

    @Override
    public List<String> afterReason(ScriptSituation s, ScriptWords w) {
        if (OrderLineShort.DISCONTINUED.equals(s.stockout().reason())) return List.of(w.t("facts.DISCONTINUED.noRestock"));
        if (s.makerStopped()) return List.of(w.t("facts.DISCONTINUED.makerStopped"));
        return List.of(w.t("facts.DISCONTINUED.undated"));
    }

    @Override
    public List<StockoutOption> toRead(ScriptSituation s) {
        return ScriptVariant.first(s.offered(), Choice.SUBSTITUTE);
    }

    @Override
    public List<String> question(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        return read.stream().anyMatch(o -> o.choice() == Choice.SUBSTITUTE)
                ? List.of(w.t("choice.ask.DISCONTINUED")) : List.of(w.t("choice.ask"));
    }
}
