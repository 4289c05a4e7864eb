package dev.zaiko.contact.scripts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutOption;
import dev.zaiko.stockout.SubstituteCandidate;

/**
 * B2B: a business customer's buyer must report the shortage inside their company. The call is
 * faster and factual: the cause stated plainly, a clear statement that the fault is the shop's
 * (and that it follows in writing), the earliest date any offered option can give first, the
 * dated options soonest first, and priority on the next lot.
 */
class BusinessCustomerScript implements ScriptVariant {

    @Override
    public String name() {
        return "B2B";
    }

    @Override
    public boolean appliesTo(ScriptSituation s) {
        return s.order().b2b();
    }

    @Override
    public List<String> afterReason(ScriptSituation s, ScriptWords w) {
        return List.of(w.t("facts.B2B.fault"), w.t("facts.B2B.letter"));
    }

    /** The date an option gives: WAIT's restock date, the delivery of a drop shipment or transfer, a substitute's shipping day. */
    static Optional<LocalDate> dateOf(StockoutOption o) {
        if (o.choice() == Choice.SUBSTITUTE) {
            return o.substitutes().stream().map(SubstituteCandidate::shipsOn).filter(d -> d != null)
                    .min(Comparator.naturalOrder());
        }
        return Optional.ofNullable(o.promisedDate());
    }

    /** Dated options soonest first, then the others as the case orders them. */
    @Override
    public List<StockoutOption> toRead(ScriptSituation s) {
        List<StockoutOption> read = new ArrayList<>(s.offered().stream().filter(o -> dateOf(o).isPresent())
                .sorted(Comparator.comparing(o -> dateOf(o).orElseThrow())).toList());
        s.offered().stream().filter(o -> dateOf(o).isEmpty()).forEach(read::add);
        return read;
    }

    @Override
    public List<String> optionsLead(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        Optional<StockoutOption> earliest = read.stream().filter(o -> dateOf(o).isPresent()).findFirst();
        return earliest.map(o -> List.of(w.t("options.B2B.earliest", w.date(dateOf(o).orElseThrow()),
                        w.label(o.choice())), w.t("options.lead")))
                .orElseGet(() -> List.of(w.t("options.B2B.noDate"), w.t("options.lead")));
    }

    @Override
    public List<String> afterOptions(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        return s.makerStopped() ? List.of() : List.of(w.t("options.B2B.nextLot"));
    }

    @Override
    public List<String> question(ScriptSituation s, ScriptWords w, List<StockoutOption> read) {
        return List.of(w.t("choice.ask.B2B"));
    }

    @Override
    public String nextTime(ScriptSituation s, ScriptWords w) {
        return w.t("closing.next.B2B");
    }
}
