package dev.zaiko.contact.scripts;

import java.util.ArrayList;
import java.util.List;

import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutOption;
import dev.zaiko.stockout.SubstituteCandidate;

/**
 * NOT_IN_TIME: a gift with a needed-by date, or an express order with a promised delivery date,
 * that the ordered item can no longer meet (waiting is not offered: no dated delivery comes
 * before the date). The call apologises that it will not arrive in time for the occasion, offers
 * to cancel with the refund started straight after the call, and reads only the deliveries that
 * still arrive in time: a substitute shipping before the date, a transfer or a drop shipment
 * (the case offers those only when they arrive in time).
 */
class NotInTimeScript implements ScriptVariant {

    @Override
    public String name() {
        return "NOT_IN_TIME";
    }

    @Override
    public boolean appliesTo(ScriptSituation s) {
        return s.deadline() != null && !s.offered(Choice.WAIT);
    }

    @Override
    public List<String> cushion(ScriptSituation s, ScriptWords w) {
        return List.of(w.t("cushion.NOT_IN_TIME." + (s.deadlineIsExpress() ? "express" : "gift")));
    }

    @Override
    public List<String> afterReason(ScriptSituation s, ScriptWords w) {
        return List.of(w.t("facts.NOT_IN_TIME." + (s.deadlineIsExpress() ? "express" : "gift"), w.date(s.deadline())));
    }

    /** Cancelling first, then what still arrives in time; a substitute only with the candidates that ship before the date. */
    @Override
    public List<StockoutOption> toRead(ScriptSituation s) {
        List<StockoutOption> read = new ArrayList<>();
        for (StockoutOption o : ScriptVariant.first(s.offered(), Choice.CANCEL, Choice.TRANSFER, Choice.DROP_SHIP,
                Choice.SUBSTITUTE)) {
            if (o.choice() == Choice.WAIT) continue; // not offered here by definition; never read as in time
            if (o.choice() == Choice.SUBSTITUTE) {
                List<SubstituteCandidate> inTime = o.substitutes().stream()
                        .filter(c -> c.shipsOn() != null && c.shipsOn().isBefore(s.deadline())).toList();
                if (inTime.isEmpty()) continue;
                o = new StockoutOption(o.choice(), inTime.get(0).shipsOn(), o.refundAmount(), o.units(), o.source(),
                        o.sourceName(), inTime, o.textKey(), o.textArgs());
            }
            read.add(o);
        }
        return read;
    }

    @Override
    public List<String> optionsLead(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        boolean inTime = read.stream().anyMatch(NotInTimeScript::delivers);
        return List.of(w.t(inTime ? "options.NOT_IN_TIME.lead" : "options.NOT_IN_TIME.cancelOnly",
                w.date(s.deadline())));
    }

    @Override
    public List<String> question(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        boolean inTime = read.stream().anyMatch(NotInTimeScript::delivers);
        return List.of(w.t(inTime ? "choice.ask.NOT_IN_TIME" : "choice.ask.NOT_IN_TIME.cancelOnly"));
    }

    private static boolean delivers(StockoutOption o) {
        return o.choice() == Choice.SUBSTITUTE || o.choice() == Choice.TRANSFER || o.choice() == Choice.DROP_SHIP;
    }
}
