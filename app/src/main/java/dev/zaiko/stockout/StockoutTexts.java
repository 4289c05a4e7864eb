package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.zaiko.order.OrderLineShort;
import dev.zaiko.platform.Wording;
import dev.zaiko.shop.CustomerDates;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words staff read out and customers read: from the message bundles ({@code stockout.*},
 * Japanese by default, English on request). Every reason text owns the fault; none blames the
 * customer, a machine or "circumstances" (a test holds the bundles to that).
 */
@Component
public class StockoutTexts {

    /** The reasons the order module sends; any other code is accepted and worded by {@code stockout.reason.OTHER}. */
    static final List<String> KNOWN_REASONS = List.of(OrderLineShort.ALLOCATION_FAILED, OrderLineShort.DISPLACED,
            OrderLineShort.INSPECTION_DEFECT, OrderLineShort.INBOUND_SHORT, OrderLineShort.SUPPLIER_CANCELLED,
            OrderLineShort.DISCONTINUED, OpeningCases.BACKORDER_AGED);

    private final MessageSource messages;

    StockoutTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String reason(String reason, Locale locale) {
        return messages.getMessage("stockout.reason." + (KNOWN_REASONS.contains(reason) ? reason : "OTHER"), null,
                locale);
    }

    public String status(StockoutStatus status, Locale locale) {
        return messages.getMessage("stockout.status." + status.name(), null, locale);
    }

    public String nextInbound(StockoutFacts.NextInbound inbound, Locale locale) {
        if (inbound == null) return messages.getMessage("stockout.inbound.none", null, locale);
        return messages.getMessage("stockout.inbound.dated", new Object[]{date(inbound.expectedOn(), locale),
                String.valueOf(inbound.quantity())}, locale);
    }

    static String date(LocalDate date, Locale locale) {
        return CustomerDates.format(date, locale);
    }

    /** The explanation of an offered option, read to the customer. */
    public String option(StockoutOption option, Locale locale) {
        return messages.getMessage(option.textKey(), args(option.textArgs(), locale), locale);
    }

    /** Why a choice is not offered, for staff to explain. */
    public String withheld(StockoutOption.NotOffered withheld, Locale locale) {
        return messages.getMessage("stockout.withheld." + withheld.code(), args(withheld.args(), locale),
                "stockout.withheld." + withheld.code(), locale);
    }

    public String verdict(SubstituteCandidate.Verdict verdict, Locale locale) {
        return messages.getMessage("stockout.comparison." + verdict.name(), null, locale);
    }

    public String choice(Choice choice, Locale locale) {
        return messages.getMessage("stockout.choice." + choice.name(), null, locale);
    }

    /** Dates read as dates in the customer's language. */
    private static Object[] args(List<Object> args, Locale locale) {
        return args.stream().map(a -> a instanceof LocalDate d ? date(d, locale) : a).toArray();
    }

    /** What was decided, as the customer is told it afterwards (not the offer's wording). */
    public String decided(StockoutDecision d, Locale locale) {
        boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        String date = d.promisedDate() == null ? null : date(d.promisedDate(), locale);
        return switch (d.choice()) {
            case WAIT -> date == null ? messages.getMessage("stockout.decided.WAIT.undated", null, locale)
                    : messages.getMessage("stockout.decided.WAIT", new Object[] {date}, locale);
            case SUBSTITUTE -> {
                String name = d.option().substitutes().stream().filter(c -> c.sku().equals(d.substituteSku()))
                        .findFirst().map(c -> english ? c.name().en() : c.name().ja()).orElse(d.substituteSku());
                yield d.refundAmount() > 0
                        ? messages.getMessage("stockout.decided.SUBSTITUTE.refund", new Object[] {name, d.refundAmount()},
                        locale)
                        : messages.getMessage("stockout.decided.SUBSTITUTE", new Object[] {name}, locale);
            }
            case DROP_SHIP, TRANSFER -> messages.getMessage("stockout.decided." + d.choice().name(),
                    new Object[] {date, d.option().sourceName()}, locale);
            case PARTIAL, CANCEL -> messages.getMessage("stockout.decided." + d.choice().name(),
                    new Object[] {d.units(), d.refundAmount()}, locale);
        };
    }

    /** Why a case's status changed, in the reader's language; an older row without a wording keeps its text. */
    public String history(StockoutCase.StatusChange change, Locale locale) {
        return change.wording() == null ? change.reason() : change.wording().in(messages, locale, change.reason());
    }

    /** A wording in English: what the history's plain {@code reason} column and the logs keep. */
    public String english(Wording wording) {
        return wording.in(messages, Locale.ENGLISH, wording.code());
    }

    /** The opening of a case: its reason, the order line and the service-level rule that set its deadline. */
    static Wording opened(String reason, int lineNo, String rule) {
        return Wording.of("stockout.history.opened", Wording.Arg.worded("console.reason.", reason),
                Wording.Arg.plain(lineNo), Wording.Arg.worded("stockout.rule.", rule));
    }

    /** A case withdrawn because the channel (its buyer or the marketplace) cancelled the order. */
    static Wording cancelledOnChannel(String channel, int lineNo) {
        return Wording.of("stockout.history.cancelledOnChannel", Wording.Arg.plain(channel), Wording.Arg.plain(lineNo));
    }

    /** Why a withdrawn case was closed, for the case's page and API. */
    public String withdrawal(StockoutCase.Withdrawal withdrawal, Locale locale) {
        return messages.getMessage("stockout.withdrawn." + withdrawal.reason(), new Object[] {withdrawal.channel()},
                withdrawal.reason(), locale);
    }

    /** A decision carried out, by whom, and whether the shop's default made it. */
    static Wording decided(Choice choice, boolean byDefault, String actor) {
        return Wording.of(byDefault ? "stockout.history.decidedByDefault" : "stockout.history.decided",
                Wording.Arg.worded("stockout.choice.", choice.name()), Wording.Arg.worded("console.actor.", actor));
    }
}
