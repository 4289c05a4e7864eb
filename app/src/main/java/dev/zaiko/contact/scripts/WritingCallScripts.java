package dev.zaiko.contact.scripts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.shop.ShopProperties;
import dev.zaiko.platform.ZaikoProperties;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.ComputingOptions;
import dev.zaiko.stockout.DecidingStockout;
import dev.zaiko.stockout.StockoutCase;
import dev.zaiko.stockout.StockoutCases;
import dev.zaiko.stockout.StockoutDecision;
import dev.zaiko.stockout.StockoutOption;
import dev.zaiko.stockout.SubstituteCandidate;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.modulith.NamedInterface;

/**
 * Writes the apology call's script for a stockout case, in the customer's language, from the
 * case's facts and only the options offered now. Every script has the same six sections:
 * <ol>
 * <li>OPENING: who calls (the operator and the shop) and that it is an apology about order N,
 * in a low, sincere tone, never a cheerful greeting;</li>
 * <li>CUSHION: a cushion phrase before the bad news;</li>
 * <li>FACTS: the order number read out in groups, the order date, item and quantity short, the
 * reason in words that own the fault;</li>
 * <li>OPTIONS: only the offered options, each with its date, amount or substitute;</li>
 * <li>CHOICE: asking the customer to choose, and what happens next for each choice;</li>
 * <li>CLOSING: thanks, a renewed apology and "next time" (次回, never 今後とも).</li>
 * </ol>
 * What differs between calls is decided by the first matching {@link ScriptVariant} in
 * {@link ScriptVariants}. The customer's name is in the script (the operator greets them by it)
 * and is never logged.
 */
@NamedInterface("scripts")
@Component
public class WritingCallScripts {

    private final MessageSource messages;
    /** Attribute names and values in the customer's words, from the catalog's attribute dictionary. */
    private final dev.zaiko.stockout.ComparisonWords comparisons;
    private final ShopProperties shop;
    private final ZoneId zone;
    private final StockoutCases cases;
    private final ComputingOptions computing;
    private final DecidingStockout deciding;
    private final Orders orders;

    WritingCallScripts(MessageSource messages, ShopProperties shop, ZaikoProperties zaiko, StockoutCases cases,
                       ComputingOptions computing, DecidingStockout deciding, Orders orders,
                       dev.zaiko.stockout.ComparisonWords comparisons) {
        this.comparisons = comparisons;
        this.messages = messages;
        this.shop = shop;
        this.zone = zaiko.zone();
        this.cases = cases;
        this.computing = computing;
        this.deciding = deciding;
        this.orders = orders;
    }

    /**
     * The script for this case, in the customer's language (locale "en" → English, anything else
     * Japanese), filled with the case's facts and only the options offered now.
     */
    public CallScript write(StockoutCase stockout, StockoutOption.Options options, Order order, Locale locale,
                            String operatorName) {
        return write(stockout, options, order, locale, operatorName, null);
    }

    /**
     * The same for a case that may already be decided: with a decision, OPTIONS says what was
     * decided instead of offering anything, and the variant is chosen as if the decided option
     * were the one offered.
     *
     * @param decided the case's decision, or null while it is undecided
     */
    public CallScript write(StockoutCase stockout, StockoutOption.Options options, Order order, Locale locale,
                            String operatorName, StockoutDecision decided) {
        StockoutOption.Options seen = decided == null ? options
                : new StockoutOption.Options(decided.option() == null ? List.of() : List.of(decided.option()),
                options == null ? List.of() : options.withheld());
        ScriptSituation s = new ScriptSituation(stockout, seen, order, decided);
        ScriptWords w = new ScriptWords(messages, scriptLocale(locale));
        ScriptVariant variant = ScriptVariants.choose(s);
        String operator = operatorName == null || operatorName.isBlank() ? w.t("operator.placeholder")
                : operatorName.strip();
        String shopName = shop.name(w.locale());
        List<StockoutOption> read = decided == null ? variant.toRead(s) : List.of();

        List<CallScript.Section> sections = List.of(
                section(w, "OPENING", opening(s, w, operator, shopName)),
                section(w, "CUSHION", variant.cushion(s, w)),
                section(w, "FACTS", facts(s, w, variant)),
                section(w, "OPTIONS", options(s, w, variant, read)),
                section(w, "CHOICE", choice(s, w, variant, read)),
                section(w, "CLOSING", List.of(w.t("closing.thanks"), w.t("closing.apology"), variant.nextTime(s, w),
                        w.t("closing.note"))));
        String voicemail = w.t(s.deadline() != null ? "voicemail.urgent" : "voicemail", shopName, operator);
        return new CallScript(stockout.id(), variant.name(), w.locale().getLanguage(), sections, voicemail);
    }

    /** Reads case, options and order itself; locale null → the order customer's locale. */
    public CallScript write(String caseId, Locale locale, String operatorName) {
        StockoutCase stockout = cases.get(caseId);
        Order order = orders.get(OrderNumber.parse(stockout.orderNumber()));
        StockoutDecision decided = deciding.decision(stockout.id()).orElse(null);
        StockoutOption.Options options = decided == null ? computing.of(stockout)
                : new StockoutOption.Options(List.of(), List.of());
        Locale language = locale != null ? locale : customerLocale(order);
        return write(stockout, options, order, language, operatorName, decided);
    }

    /** English for "en", Japanese for anything else. */
    static Locale scriptLocale(Locale requested) {
        return requested != null && Locale.ENGLISH.getLanguage().equals(requested.getLanguage())
                ? Locale.ENGLISH : Locale.JAPANESE;
    }

    private static Locale customerLocale(Order order) {
        String tag = order.customer() == null ? null : order.customer().locale();
        return tag == null || tag.isBlank() ? Locale.JAPANESE : Locale.forLanguageTag(tag.strip());
    }

    private static CallScript.Section section(ScriptWords w, String kind, List<String> lines) {
        return new CallScript.Section(kind, w.t("section." + kind), lines);
    }

    // ---- the sections -------------------------------------------------------------------------------

    private List<String> opening(ScriptSituation s, ScriptWords w, String operator, String shopName) {
        String customer = s.order().customer() == null ? null : s.order().customer().name();
        List<String> lines = new ArrayList<>();
        lines.add(w.t("opening.note"));
        lines.add(w.t("opening.identify", shopName, operator));
        if (customer != null && !customer.isBlank()) {
            lines.add(w.t(s.order().b2b() ? "opening.confirm.b2b" : "opening.confirm", customer.strip()));
        }
        lines.add(w.t("opening.purpose", s.stockout().orderNumber()));
        lines.add(w.t("opening.time"));
        return lines;
    }

    private List<String> facts(ScriptSituation s, ScriptWords w, ScriptVariant variant) {
        StockoutCase c = s.stockout();
        List<String> lines = new ArrayList<>();
        lines.add(w.t("facts.number", c.orderNumber(), w.readAloud(c.orderNumber())));
        Instant ordered = c.facts() != null && c.facts().orderedAt() != null ? c.facts().orderedAt()
                : s.order().placedAt();
        String item = w.name(c.facts() == null || c.facts().item() == null ? null : c.facts().item().name(), c.sku());
        Integer quantity = c.facts() == null ? null : c.facts().quantityOrdered();
        int orderedUnits = quantity == null ? c.quantityShort() : quantity;
        lines.add(w.t(orderedUnits > c.quantityShort() ? "facts.orderedPart" : "facts.orderedAll",
                w.date(LocalDate.ofInstant(ordered, zone)), item, orderedUnits, c.quantityShort()));
        lines.add(w.tOr("reason." + c.reason(), w.t("reason.OTHER")));
        lines.addAll(variant.afterReason(s, w));
        return lines;
    }

    private List<String> options(ScriptSituation s, ScriptWords w, ScriptVariant variant, List<StockoutOption> read) {
        if (s.decided() != null) return List.of(w.t("options.decided"), decided(s.decided(), w));
        if (read.isEmpty()) return List.of(w.t("options.none"));
        List<String> lines = new ArrayList<>(variant.optionsLead(s, w, read));
        for (StockoutOption o : read) lines.addAll(option(s, w, o));
        lines.addAll(variant.afterOptions(s, w, read));
        return lines;
    }

    private List<String> choice(ScriptSituation s, ScriptWords w, ScriptVariant variant, List<StockoutOption> read) {
        if (s.decided() != null) return List.of(w.t("choice.decided"));
        if (read.isEmpty()) return List.of(w.t("choice.none"));
        List<String> lines = new ArrayList<>(variant.question(s, w, read));
        for (StockoutOption o : read) lines.add(next(w, o));
        lines.add(w.t("choice.later"));
        return lines;
    }

    // ---- one option -----------------------------------------------------------------------------------

    /** An option's lines: the first starts with its label; a substitute adds its comparison and price. */
    private List<String> option(ScriptSituation s, ScriptWords w, StockoutOption o) {
        List<String> lines = new ArrayList<>();
        switch (o.choice()) {
            case WAIT -> lines.add(o.promisedDate() == null ? w.t("option.WAIT.undated")
                    : w.t("option.WAIT", w.date(o.promisedDate()), o.units()));
            case SUBSTITUTE -> lines.addAll(substitute(s.stockout().sku(), w, o));
            case DROP_SHIP, TRANSFER -> lines.add(w.t("option." + o.choice().name(), w.date(o.promisedDate()),
                    o.sourceName() == null ? o.source() : o.sourceName()));
            case PARTIAL -> lines.add(w.t("option.PARTIAL", o.units(), w.yen(refund(o))));
            case CANCEL -> lines.addAll(cancel(s, w, o));
        }
        lines.set(0, w.t("labelled", w.label(o.choice()), lines.get(0)));
        return lines;
    }

    private static long refund(StockoutOption o) {
        return o.refundAmount() == null ? 0 : o.refundAmount();
    }

    private List<String> substitute(String missingSku, ScriptWords w, StockoutOption o) {
        SubstituteCandidate best = o.substitutes().get(0);
        List<String> lines = new ArrayList<>();
        lines.add(w.t("option.SUBSTITUTE", w.name(best.name(), best.sku()), w.date(best.shipsOn()), best.quantity()));
        if (!best.comparison().isEmpty()) {
            lines.add(w.t("option.SUBSTITUTE.compareLead"));
            comparisons.rows(missingSku, best, w.locale()).stream()
                    .sorted((a, b) -> Boolean.compare(b.matters(), a.matters())).forEach(row -> {
                lines.add(row.original() == null || row.substitute() == null
                        ? w.t("compare.MISSING", row.name())
                        : w.t("compare." + row.verdict().name(), row.name(), row.original(), row.substitute()));
            });
        }
        if (best.price().absorbedAmount() > 0) {
            lines.add(w.t("option.SUBSTITUTE.price.absorbed", w.yen(best.listPrice()), w.yen(best.originalUnitPrice())));
        } else if (best.price().refundAmount() > 0) {
            lines.add(w.t("option.SUBSTITUTE.price.refund", w.yen(best.listPrice()), w.yen(best.price().refundAmount())));
        } else {
            lines.add(w.t("option.SUBSTITUTE.price.same", w.yen(best.listPrice())));
        }
        if (o.substitutes().size() > 1) lines.add(w.t("option.SUBSTITUTE.more", o.substitutes().size() - 1));
        return lines;
    }

    /** Cancelling, with what happens to the money for the way the customer paid. */
    private List<String> cancel(ScriptSituation s, ScriptWords w, StockoutOption o) {
        Order.Payment payment = s.order().payment();
        String method = payment == null ? "" : String.valueOf(payment.method());
        boolean marketplace = s.stockout().facts() != null && "MARKETPLACE".equals(s.stockout().facts().channelKind());
        if (marketplace) {
            return List.of(w.t("option.CANCEL", o.units(), w.yen(refund(o))), w.t("refund.MARKETPLACE"));
        }
        if ("COD".equals(method)) return List.of(w.t("option.CANCEL.cod", o.units()));
        if ("CREDIT_CARD".equals(method) && "AUTHORIZED".equals(payment.status())) {
            return List.of(w.t("option.CANCEL.void", o.units(), w.yen(refund(o))));
        }
        return List.of(w.t("option.CANCEL", o.units(), w.yen(refund(o))),
                w.t("CREDIT_CARD".equals(method) ? "refund.CARD" : "refund.OTHER"));
    }

    private String next(ScriptWords w, StockoutOption o) {
        return switch (o.choice()) {
            case WAIT -> w.t("next.WAIT");
            case SUBSTITUTE -> w.t("next.SUBSTITUTE", w.date(o.substitutes().get(0).shipsOn()));
            case DROP_SHIP, TRANSFER -> w.t("next." + o.choice().name(), w.date(o.promisedDate()));
            case PARTIAL -> w.t("next.PARTIAL", w.yen(refund(o)));
            case CANCEL -> w.t("next.CANCEL");
        };
    }

    /** What was decided, as the operator confirms it. */
    private String decided(StockoutDecision d, ScriptWords w) {
        Choice c = d.choice();
        return switch (c) {
            case WAIT -> d.promisedDate() == null ? w.t("decided.WAIT.undated") : w.t("decided.WAIT", w.date(d.promisedDate()));
            case SUBSTITUTE -> {
                String name = d.option() == null ? d.substituteSku() : d.option().substitutes().stream()
                        .filter(x -> x.sku().equals(d.substituteSku())).findFirst()
                        .map(x -> w.name(x.name(), x.sku())).orElse(d.substituteSku());
                yield w.t("decided.SUBSTITUTE", name);
            }
            case DROP_SHIP, TRANSFER -> w.t("decided." + c.name(), d.promisedDate() == null ? "-" : w.date(d.promisedDate()));
            case PARTIAL, CANCEL -> w.t("decided." + c.name(), d.units(), w.yen(d.refundAmount()));
        };
    }
}
