package dev.zaiko.contact.customer;

import dev.zaiko.contact.DecisionLinks;
import dev.zaiko.contact.desk.CaseFile;
import dev.zaiko.contact.desk.ContactStore;
import dev.zaiko.contact.desk.ReadingCases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zaiko.payment.BankAccount;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.shop.CustomerFacing;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.refund.RefundingByBankTransfer;
import dev.zaiko.refund.Refunds;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.DecidingStockout;
import dev.zaiko.stockout.StockoutOption;
import dev.zaiko.stockout.StockoutOptionsProperties;
import dev.zaiko.stockout.StockoutStatus;
import dev.zaiko.stockout.StockoutTexts;
import dev.zaiko.stockout.SubstituteCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer's page behind a decision link ({@code /c/<token>}): the facts and the options
 * (with the substitute comparison) while the case is open; the decision, the refunds and their
 * status afterwards; a bank account form while a refund waits for one. No login: the signed link
 * is the key, and it opens only its own case. A tampered, expired or unknown link gets a plain
 * page and changes nothing; so does a second decision.
 */
@Controller
class CustomerPages {

    private static final Logger log = LoggerFactory.getLogger(CustomerPages.class);

    private final DecisionLinks links;
    private final ReadingCases reading;
    private final DecidingStockout deciding;
    private final Refunds refunds;
    private final RefundingByBankTransfer bankTransfers;
    private final StockoutTexts texts;
    private final StockoutOptionsProperties stockoutPolicy;
    private final ContactStore store;
    private final MessageSource messages;
    private final CustomerFacing facing;
    private final dev.zaiko.stockout.ComparisonTexts comparisons;

    CustomerPages(DecisionLinks links, ReadingCases reading, DecidingStockout deciding, Refunds refunds,
                  RefundingByBankTransfer bankTransfers, StockoutTexts texts, StockoutOptionsProperties stockoutPolicy,
                  ContactStore store, MessageSource messages, CustomerFacing facing,
                  dev.zaiko.stockout.ComparisonTexts comparisons) {
        this.comparisons = comparisons;
        this.links = links;
        this.reading = reading;
        this.deciding = deciding;
        this.refunds = refunds;
        this.bankTransfers = bankTransfers;
        this.texts = texts;
        this.stockoutPolicy = stockoutPolicy;
        this.store = store;
        this.messages = messages;
        this.facing = facing;
    }

    @GetMapping("/c/{token}")
    ResponseEntity<String> show(@PathVariable String token, @RequestParam(required = false) String lang,
                                @RequestParam(required = false) String done) {
        DecisionLinks.Verified verified = links.verify(token);
        if (!(verified instanceof DecisionLinks.Valid valid)) return problem(verified, lang);
        Locale locale = locale(lang, valid.caseId());
        String notice = "decided".equals(done) ? "decided" : "account".equals(done) ? "account" : null;
        return page(HttpStatus.OK, token, valid, locale, notice, null, Map.of(), Map.of());
    }

    @PostMapping("/c/{token}/decision")
    ResponseEntity<String> decide(@PathVariable String token, @RequestParam(required = false) String lang,
                                  @RequestParam(required = false) String choice,
                                  @RequestParam(required = false) String substituteSku) {
        DecisionLinks.Verified verified = links.verify(token);
        if (!(verified instanceof DecisionLinks.Valid valid)) return problem(verified, lang);
        Locale locale = locale(lang, valid.caseId());
        CaseFile file = reading.read(valid.caseId(), locale);
        if (file.decideBy() == null) {
            return page(HttpStatus.CONFLICT, token, valid, locale, null, "alreadyDecided", Map.of(), Map.of());
        }
        if (choice != null && choice.startsWith("SUBSTITUTE:")) { // one radio button per candidate
            substituteSku = choice.substring("SUBSTITUTE:".length());
            choice = "SUBSTITUTE";
        }
        Choice chosen = parseChoice(choice);
        if (chosen == null) {
            return page(HttpStatus.BAD_REQUEST, token, valid, locale, null, "noChoice", Map.of(), Map.of());
        }
        if (chosen == Choice.SUBSTITUTE && (substituteSku == null || substituteSku.isBlank())) {
            return page(HttpStatus.BAD_REQUEST, token, valid, locale, null, "noSubstitute", Map.of(), Map.of());
        }
        try {
            deciding.decide(valid.caseId(), new DecidingStockout.Decision(chosen,
                    chosen == Choice.SUBSTITUTE ? substituteSku.strip() : null, "customer",
                    "Chosen through the decision link"));
            links.used(valid.linkId(), chosen.name());
        } catch (ConflictException e) {
            // decided a moment ago elsewhere, or the option is gone: nothing changed, say so plainly
            log.info("Decision link for case {}: {} refused ({})", valid.caseId(), chosen, e.type());
            return page(HttpStatus.CONFLICT, token, valid, locale, null, "stockout-already-decided".equals(e.type())
                    ? "alreadyDecided" : "optionGone", Map.of(), Map.of());
        }
        return seeOther(token, lang, "decided");
    }

    @PostMapping("/c/{token}/bank-account")
    ResponseEntity<String> bankAccount(@PathVariable String token, @RequestParam(required = false) String lang,
                                       @RequestParam Map<String, String> form) {
        DecisionLinks.Verified verified = links.verify(token);
        if (!(verified instanceof DecisionLinks.Valid valid)) return problem(verified, lang);
        Locale locale = locale(lang, valid.caseId());
        String orderNumber = store.find(valid.caseId()).orElseThrow().orderNumber();
        List<Refunds.CustomerRefund> waiting = refunds.ofOrder(orderNumber, locale).stream()
                .filter(Refunds.CustomerRefund::awaitingAccount).toList();
        if (waiting.isEmpty()) {
            return page(HttpStatus.CONFLICT, token, valid, locale, null, "noAccountNeeded", Map.of(), form);
        }
        BankAccount account;
        try {
            account = BankAccount.of(form.get("bankCode"), form.get("branchCode"), form.get("accountType"),
                    form.get("accountNumber"), form.get("holderName"));
        } catch (InvalidRequestException e) {
            return page(HttpStatus.BAD_REQUEST, token, valid, locale, null, null, fieldErrors(e, locale), form);
        }
        try {
            bankTransfers.register(waiting.get(0).id(), account);
        } catch (ConflictException e) {
            return page(HttpStatus.CONFLICT, token, valid, locale, null, "bank-account-deadline-passed".equals(e.type())
                    ? "accountDeadlinePassed" : "noAccountNeeded", Map.of(), form);
        }
        links.used(valid.linkId(), "BANK_ACCOUNT");
        return seeOther(token, lang, "account");
    }

    private ResponseEntity<String> seeOther(String token, String lang, String done) {
        String to = "/c/" + token + "?done=" + done + (lang == null ? "" : "&lang=" + ("en".equals(lang) ? "en" : "ja"));
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, to).build();
    }

    /** A page for a link that does not open anything: nothing about any case is shown. */
    private ResponseEntity<String> problem(DecisionLinks.Verified verified, String lang) {
        Locale locale = CustomerFacing.locale(lang);
        boolean expired = verified instanceof DecisionLinks.Expired;
        // a revoked link worked once and never will again: gone, like an expired one
        boolean revoked = verified instanceof DecisionLinks.Revoked;
        Map<String, Object> model = facing.model(locale);
        model.put("problem", revoked ? "revoked" : expired ? "expired" : "invalid");
        model.put("prefix", "contact.page");
        return facing.page(expired || revoked ? HttpStatus.GONE : HttpStatus.FORBIDDEN, "customer/link-problem",
                facing.withCsrfToken(model), locale);
    }

    private ResponseEntity<String> page(HttpStatus status, String token, DecisionLinks.Valid valid, Locale locale,
                                        String notice, String error, Map<String, String> fieldErrors,
                                        Map<String, String> form) {
        CaseFile f = reading.read(valid.caseId(), locale);
        var c = f.stockout();
        Map<String, Object> m = facing.model(locale);
        m.put("token", token);
        m.put("customerName", f.order().customer().name());
        m.put("orderNumber", c.orderNumber());
        m.put("orderedOn", c.facts().orderedAt() == null ? "" : facing.day(c.facts().orderedAt(), locale));
        m.put("itemName", f.itemName());
        m.put("quantityShort", c.quantityShort());
        m.put("reasonText", texts.reason(c.reason(), locale));
        m.put("inboundText", texts.nextInbound(c.facts().nextInbound(), locale));
        m.put("open", f.decideBy() != null);
        m.put("decideBy", f.decideBy() == null ? null : facing.dateTime(f.decideBy(), locale));
        m.put("defaultChoice", texts.choice(stockoutPolicy.defaultDecision(), locale));
        m.put("options", f.options().offered().stream().map(o -> option(f, o, locale)).toList());
        m.put("decision", f.decision().map(d -> texts.decided(d, locale)).orElse(null));
        m.put("decidedOn", f.decision().map(d -> facing.dateTime(d.decidedAt(), locale))
                .orElse(null));
        List<Refunds.CustomerRefund> ofOrder = refunds.ofOrder(c.orderNumber(), locale);
        m.put("refunds", ofOrder.stream().filter(r -> c.id().equals(r.caseId())).toList());
        m.put("awaitingAccount", ofOrder.stream().anyMatch(Refunds.CustomerRefund::awaitingAccount));
        m.put("accountDeadline", ofOrder.stream()
                .filter(Refunds.CustomerRefund::awaitingAccount).map(Refunds.CustomerRefund::accountDeadline)
                .filter(d -> d != null).min(Instant::compareTo)
                .map(d -> facing.dateTime(d, locale)).orElse(null));
        m.put("coupons", refunds.apologyCoupons(c.orderNumber()).stream().filter(x -> c.id().equals(x.caseId()))
                .map(x -> x.percent() != null ? messages.getMessage("contact.mail.coupon.percent", new Object[]{
                        x.couponCode(), x.percent(), facing.date(x.validUntil(), locale)}, locale)
                        : messages.getMessage("contact.mail.coupon.amount", new Object[]{x.couponCode(), x.amount(),
                        facing.date(x.validUntil(), locale)}, locale)).toList());
        m.put("notice", notice);
        m.put("error", error);
        m.put("fieldErrors", fieldErrors);
        m.put("form", form);
        m.put("statusText", c.status() == StockoutStatus.CLOSED || c.status() == StockoutStatus.RESOLVED
                ? texts.status(c.status(), locale) : null);
        return facing.page(status, "customer/case", facing.withCsrfToken(m), locale);
    }

    /** One option as the page shows it; a substitute with each candidate's comparison. */
    record OptionView(String choice, String title, String explanation, List<SubstituteView> substitutes) {
    }

    record SubstituteView(String sku, String name, String price, String shipsOn, List<List<String>> rows) {
    }

    private OptionView option(CaseFile f, StockoutOption o, Locale locale) {
        List<SubstituteView> subs = new ArrayList<>();
        boolean en = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        for (SubstituteCandidate s : o.substitutes()) {
            List<List<String>> rows = new ArrayList<>();
            for (dev.zaiko.stockout.ComparisonTexts.Row r : comparisons.rows(f.stockout().sku(), s, locale)) {
                rows.add(List.of(r.name(), r.original() == null ? "-" : r.original(),
                        r.substitute() == null ? "-" : r.substitute(), r.verdictText()));
            }
            String name = s.name() == null ? s.sku() : en ? s.name().en() : s.name().ja();
            String price = messages.getMessage("contact.mail.yen", new Object[]{s.price().chargedUnitPrice()}, locale);
            subs.add(new SubstituteView(s.sku(), name, price, s.shipsOn() == null ? "-"
                    : facing.date(s.shipsOn(), locale), rows));
        }
        return new OptionView(o.choice().name(), texts.choice(o.choice(), locale), texts.option(o, locale), subs);
    }

    private Map<String, String> fieldErrors(InvalidRequestException e, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        Object errors = e.properties().get("errors");
        if (errors instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> error) {
                    String field = String.valueOf(error.get("field"));
                    String code = String.valueOf(error.get("code"));
                    out.putIfAbsent(field, messages.getMessage("contact.page.bank.error." + code, null,
                            messages.getMessage("contact.page.bank.error.other", null, locale), locale));
                }
            }
        }
        if (out.isEmpty()) out.put("form", messages.getMessage("contact.page.bank.error.other", null, locale));
        return out;
    }

    private Locale locale(String lang, String caseId) {
        if ("en".equals(lang) || "ja".equals(lang)) return CustomerFacing.locale(lang);
        return store.find(caseId).map(c -> ReadingCases.customerLocale(c.locale())).orElse(Locale.JAPANESE);
    }

    private static Choice parseChoice(String choice) {
        if (choice == null) return null;
        try {
            return Choice.valueOf(choice.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
