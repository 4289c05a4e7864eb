package dev.zaiko.contact.customer;

import dev.zaiko.contact.CallOutcome;
import dev.zaiko.contact.ContactCase;
import dev.zaiko.contact.DecisionLinks;
import dev.zaiko.contact.EmailKind;
import dev.zaiko.contact.Interaction;
import dev.zaiko.contact.desk.CaseFile;
import dev.zaiko.contact.desk.ContactStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.mail.OutgoingEmail;
import dev.zaiko.mail.Outbox;
import dev.zaiko.mail.QueuedEmail;
import dev.zaiko.shop.CustomerDates;
import dev.zaiko.shop.ShopProperties;
import dev.zaiko.refund.Refunds;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutDecision;
import dev.zaiko.stockout.StockoutOptionsProperties;
import dev.zaiko.stockout.StockoutTexts;
import dev.zaiko.stockout.SubstituteCandidate;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Writes the desk's emails ({@code contact.mail.*} in the message bundles, in the customer's
 * language), puts them in the outbox in the caller's transaction and logs each one. Every email
 * about an undecided case carries the facts, the options offered now, a fresh decision link and
 * what happens if the customer does not answer; urgent orders get the urgent subject.
 */
@Component
public class WritingToCustomers {

    private final Outbox outbox;
    private final MessageSource messages;
    private final StockoutTexts stockoutTexts;
    private final Refunds refunds;
    private final DecisionLinks links;
    private final LetterRendering rendering;
    private final ContactStore store;
    private final ShopProperties shop;
    private final StockoutOptionsProperties stockoutPolicy;
    private final Clock clock;
    private final dev.zaiko.stockout.ComparisonTexts comparisons;

    WritingToCustomers(Outbox outbox, MessageSource messages, StockoutTexts stockoutTexts, Refunds refunds,
                       DecisionLinks links, LetterRendering rendering, ContactStore store, ShopProperties shop,
                       StockoutOptionsProperties stockoutPolicy, Clock clock,
                       dev.zaiko.stockout.ComparisonTexts comparisons) {
        this.comparisons = comparisons;
        this.outbox = outbox;
        this.messages = messages;
        this.stockoutTexts = stockoutTexts;
        this.refunds = refunds;
        this.links = links;
        this.rendering = rendering;
        this.store = store;
        this.shop = shop;
        this.stockoutPolicy = stockoutPolicy;
        this.clock = clock;
    }

    /**
     * What the desk says in an email about an undecided case besides the facts and options.
     *
     * @param calledAt   when the call this email follows was made (missed calls)
     * @param outcome    that call's outcome
     * @param nextCallAt when the shop calls next; null when it will only write
     * @param key        makes the email's idempotency key: one email per call, escalation or opening
     */
    public record Notice(Instant calledAt, CallOutcome outcome, Instant nextCallAt, String key) {
    }

    public QueuedEmail notice(CaseFile f, ContactCase cc, EmailKind kind, Notice n, String operator) {
        Letter letter = noticeLetter(f, cc, kind, n, links.issue(cc.caseId()));
        return send(cc, f, kind, letter, kind.name() + ":" + cc.caseId() + ":" + n.key(), operator, n.nextCallAt());
    }

    /** The email as it would go out now, for staff to read first; the link in it is a stand-in. */
    public Letter preview(CaseFile f, ContactCase cc, EmailKind kind, Notice n) {
        return noticeLetter(f, cc, kind, n, links.standIn());
    }

    private Letter noticeLetter(CaseFile f, ContactCase cc, EmailKind kind, Notice n, DecisionLinks.Issued link) {
        Locale l = f.locale();
        String number = f.stockout().orderNumber();
        List<Letter.Block> blocks = new ArrayList<>();
        blocks.add(new Letter.Paragraph(opening(kind, n, l)));
        blocks.addAll(facts(f));
        if (!f.options().offered().isEmpty()) {
            blocks.add(new Letter.Choices(text("contact.mail.options.title", l), f.options().offered().stream()
                    .map(o -> new Letter.Choice(stockoutTexts.choice(o.choice(), l), stockoutTexts.option(o, l)))
                    .toList()));
            f.options().offered(Choice.SUBSTITUTE).flatMap(o -> o.substitutes().stream().findFirst())
                    .ifPresent(best -> blocks.add(comparison(f, best, l)));
            blocks.add(action("contact.mail.link.choose", link, l));
        }
        if (f.decideBy() != null) {
            blocks.add(new Letter.Paragraph(text("contact.mail.default", l, time(f.decideBy(), l),
                    stockoutTexts.choice(stockoutPolicy.defaultDecision(), l))));
        }
        blocks.add(new Letter.Paragraph(nextStep(kind, n, l)));
        String subject = text(cc.urgent() ? "contact.mail.subject.urgent" : "contact.mail.subject." + kind.name(), l,
                number);
        return new Letter(subject, cc.urgent(), greeting(f, l), blocks, text("contact.mail.closing.notice", l),
                signature(l));
    }

    public String html(Letter letter, Locale locale) {
        return rendering.html(letter, locale);
    }

    /** The written summary after a decision. */
    public QueuedEmail followUp(CaseFile f, ContactCase cc, ContactStore.FollowUpState state) {
        Locale l = f.locale();
        StockoutDecision d = f.decision().orElseThrow();
        String number = f.stockout().orderNumber();
        String how = d.byDefault() ? "default" : "customer".equals(d.decidedBy()) ? "link" : "call";
        List<Letter.Block> blocks = new ArrayList<>();
        blocks.add(new Letter.Paragraph(text("contact.mail.FOLLOW_UP.opening." + how, l)));
        List<String> decided = new ArrayList<>();
        decided.add(text("contact.mail.fact.order", l, number));
        decided.add(text("contact.mail.fact.item", l, f.itemName(), f.stockout().quantityShort()));
        decided.add(stockoutTexts.decided(d, l));
        if (d.promisedDate() != null && d.choice() != Choice.WAIT) {
            decided.add(text("contact.mail.fact.delivery", l, date(d.promisedDate(), l)));
        }
        blocks.add(new Letter.Bullets(text("contact.mail.FOLLOW_UP.decided", l), decided));
        List<String> money = refunds.ofCase(number, cc.caseId(), l).stream()
                .map(r -> r.lineNo() == 0 ? text("contact.mail.refund.shippingFee", l, r.text()) : r.text()).toList();
        if (!money.isEmpty()) blocks.add(new Letter.Bullets(text("contact.mail.FOLLOW_UP.refunds", l), money));
        refunds.apologyCoupons(number).stream().filter(c -> c.couponCode().equals(state.couponCode())).findFirst()
                .ifPresent(c -> blocks.add(new Letter.Bullets(text("contact.mail.FOLLOW_UP.coupon", l), List.of(
                        c.percent() != null ? text("contact.mail.coupon.percent", l, c.couponCode(), c.percent(),
                                date(c.validUntil(), l))
                                : text("contact.mail.coupon.amount", l, c.couponCode(), c.amount(),
                                date(c.validUntil(), l))))));
        if (state.followUpLine() != null && !state.followUpLine().isBlank()) {
            blocks.add(new Letter.Paragraph(state.followUpLine().strip()));
        }
        if (d.choice() == Choice.SUBSTITUTE) {
            d.option().substitutes().stream().filter(s -> s.sku().equals(d.substituteSku())).findFirst()
                    .ifPresent(s -> blocks.add(comparison(f, s, l)));
        }
        blocks.add(action("contact.mail.link.status", links.issue(cc.caseId()), l));
        Letter letter = new Letter(text("contact.mail.subject.FOLLOW_UP." + how, l, number), false, greeting(f, l),
                blocks, text("contact.mail.closing.followUp", l), signature(l));
        return send(cc, f, EmailKind.FOLLOW_UP, letter, "FOLLOW_UP:" + cc.caseId(), state.followUpBy(), null);
    }

    /** A refund waits for the customer's bank account. */
    public QueuedEmail bankAccount(CaseFile f, ContactCase cc, String refundId, String route, long amount, Instant deadline,
                            boolean reminder) {
        Locale l = f.locale();
        String number = f.stockout().orderNumber();
        EmailKind kind = reminder ? EmailKind.BANK_ACCOUNT_REMINDER : EmailKind.BANK_ACCOUNT_REQUEST;
        String routeKey = "KONBINI".equals(route) ? "KONBINI" : "BANK_TRANSFER";
        List<Letter.Block> blocks = new ArrayList<>();
        blocks.add(new Letter.Paragraph(text("contact.mail.bank." + routeKey + ".why", l, number, amount)));
        blocks.add(new Letter.Action(text("contact.mail.link.bank", l), links.issue(cc.caseId()).url(),
                text("contact.mail.bank.deadline", l, time(deadline, l))));
        blocks.add(new Letter.Paragraph(text("contact.mail.bank." + routeKey + ".otherwise", l, time(deadline, l))));
        Letter letter = new Letter(text("contact.mail.subject." + kind.name(), l, number), false, greeting(f, l),
                blocks, text("contact.mail.closing.followUp", l), signature(l));
        return send(cc, f, kind, letter, kind.name() + ":" + refundId, null, null);
    }

    /**
     * A refund carried out by hand is done: what was refunded, how, and when it shows. Once per
     * refund (the outbox's key), however often the completion is heard.
     */
    public QueuedEmail refundMade(CaseFile f, ContactCase cc, Refunds.CustomerRefund r) {
        Locale l = f.locale();
        String number = f.stockout().orderNumber();
        List<Letter.Block> blocks = new ArrayList<>();
        blocks.add(new Letter.Paragraph(text("contact.mail.REFUND_MADE.opening", l, number)));
        List<String> made = new ArrayList<>();
        String line = text("contact.mail.REFUND_MADE.line", l, r.routeText(), r.amount());
        made.add(r.lineNo() == 0 ? text("contact.mail.refund.shippingFee", l, line) : line);
        if (r.expectedBy() != null) {
            made.add(text("contact.mail.REFUND_MADE.when", l, date(r.expectedFrom(), l), date(r.expectedBy(), l)));
        }
        blocks.add(new Letter.Bullets(text("contact.mail.REFUND_MADE.what", l), made));
        blocks.add(action("contact.mail.link.status", links.issue(cc.caseId()), l));
        Letter letter = new Letter(text("contact.mail.subject.REFUND_MADE", l, number), false, greeting(f, l), blocks,
                text("contact.mail.closing.followUp", l), signature(l));
        return send(cc, f, EmailKind.REFUND_MADE, letter, EmailKind.REFUND_MADE.name() + ":" + r.id(), null, null);
    }

    private QueuedEmail send(ContactCase cc, CaseFile f, EmailKind kind, Letter letter, String key, String operator,
                             Instant nextCallAt) {
        Locale l = f.locale();
        var customer = f.order().customer();
        QueuedEmail email = outbox.send(new OutgoingEmail(key, customer.email(), customer.name(), letter.subject(),
                LetterRendering.text(letter), rendering.html(letter, l), cc.caseId(), cc.orderNumber(), kind.name(),
                letter.urgent(), l.getLanguage()));
        Instant now = clock.instant();
        store.addInteraction(new Interaction(UUID.randomUUID(), cc.caseId(), cc.orderNumber(),
                Interaction.Channel.EMAIL, kind.name(), operator, letter.subject(), email.messageId(), nextCallAt, null,
                now));
        if (kind != EmailKind.FOLLOW_UP && kind != EmailKind.REFUND_MADE) store.firstContact(cc.caseId(), now);
        return email;
    }

    private String opening(EmailKind kind, Notice n, Locale l) {
        String shopName = shop.name(l);
        return switch (kind) {
            case MISSED_CALL -> text(n.outcome() == CallOutcome.VOICEMAIL ? "contact.mail.MISSED_CALL.voicemail"
                    : "contact.mail.MISSED_CALL.opening", l, shopName, time(n.calledAt(), l));
            case CALLBACK_CONFIRMED -> text("contact.mail.CALLBACK_CONFIRMED.opening", l, shopName,
                    time(n.nextCallAt(), l));
            default -> text("contact.mail." + kind.name() + ".opening", l, shopName);
        };
    }

    private String nextStep(EmailKind kind, Notice n, Locale l) {
        if (kind == EmailKind.ESCALATED) {
            return n.nextCallAt() == null ? text("contact.mail.next.supervisorWrites", l, shop.phone())
                    : text("contact.mail.next.supervisor", l, time(n.nextCallAt(), l));
        }
        if (kind == EmailKind.OPTIONS) return text("contact.mail.next.options", l, shop.phone());
        if (kind == EmailKind.CALLBACK_CONFIRMED) return text("contact.mail.next.asked", l, shop.phone());
        if (n.nextCallAt() != null) return text("contact.mail.next.call", l, time(n.nextCallAt(), l), shop.phone());
        return text("contact.mail.next.writing", l, shop.phone());
    }

    private List<Letter.Block> facts(CaseFile f) {
        Locale l = f.locale();
        var c = f.stockout();
        List<Letter.Block> out = new ArrayList<>();
        String ordered = c.facts().orderedAt() == null ? "" : date(c.facts().orderedAt(), l);
        out.add(new Letter.Paragraph(text("contact.mail.facts", l, c.orderNumber(), ordered, f.itemName(),
                c.quantityShort())));
        out.add(new Letter.Paragraph(stockoutTexts.reason(c.reason(), l)));
        out.add(new Letter.Paragraph(stockoutTexts.nextInbound(c.facts().nextInbound(), l)));
        return out;
    }

    private Letter.Comparison comparison(CaseFile f, SubstituteCandidate s, Locale l) {
        boolean en = Locale.ENGLISH.getLanguage().equals(l.getLanguage());
        String substitute = s.name() == null ? s.sku() : en ? s.name().en() : s.name().ja();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(text("contact.mail.comparison.attribute", l), text("contact.mail.comparison.ordered", l),
                text("contact.mail.comparison.substitute", l)));
        rows.add(List.of(text("contact.mail.comparison.name", l), f.itemName(), substitute));
        for (dev.zaiko.stockout.ComparisonTexts.Row row : comparisons.rows(f.stockout().sku(), s, l)) {
            rows.add(List.of(row.name(), Optional.ofNullable(row.original()).orElse("-"),
                    Optional.ofNullable(row.substitute()).orElse("-") + " (" + row.verdictText() + ")"));
        }
        rows.add(List.of(text("contact.mail.comparison.price", l), yen(s.originalUnitPrice(), l),
                yen(s.price().chargedUnitPrice(), l) + (s.price().absorbedAmount() > 0
                        ? " " + text("contact.mail.comparison.absorbed", l, yen(s.listPrice(), l))
                        : s.price().refundAmount() > 0
                        ? " " + text("contact.mail.comparison.refunded", l, yen(s.price().refundAmount(), l)) : "")));
        rows.add(List.of(text("contact.mail.comparison.ships", l), text("contact.mail.comparison.unavailable", l),
                s.shipsOn() == null ? "-" : date(s.shipsOn(), l)));
        return new Letter.Comparison(text("contact.mail.comparison.title", l), rows);
    }

    private String greeting(CaseFile f, Locale l) {
        return text("contact.mail.greeting", l, f.order().customer().name());
    }

    private List<String> signature(Locale l) {
        return List.of(shop.name(l), text("contact.mail.signature.phone", l, shop.phone()),
                text("contact.mail.signature.email", l, shop.email()), text("contact.mail.signature.reply", l));
    }

    /** A button with the link, and until when the link works. */
    private Letter.Action action(String label, DecisionLinks.Issued link, Locale l) {
        return new Letter.Action(text(label, l), link.url(), text("contact.mail.link.note", l, date(link.expiresAt(), l)));
    }

    private String yen(long amount, Locale l) {
        return text("contact.mail.yen", l, amount);
    }

    private String time(Instant at, Locale l) {
        return at == null ? "" : CustomerDates.format(at, zone(), l);
    }

    private String date(Instant at, Locale l) {
        return CustomerDates.format(at.atZone(zone()).toLocalDate(), l);
    }

    private static String date(java.time.LocalDate d, Locale l) {
        return d == null ? "" : CustomerDates.format(d, l);
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private String text(String key, Locale l, Object... args) {
        return messages.getMessage(key, args, l);
    }
}
