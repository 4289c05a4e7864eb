package dev.zaiko.refund;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import dev.zaiko.shop.CustomerDates;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the customer is told about a refund, in their language ({@code refund.*} in the message
 * bundles): where the money goes, and from when to when it arrives.
 */
@Component
class RefundTexts {

    private final MessageSource messages;

    RefundTexts(MessageSource messages) {
        this.messages = messages;
    }

    String route(Route route, Locale locale) {
        return messages.getMessage("refund.route." + route.name(), null, locale);
    }

    String status(RefundStatus status, Locale locale) {
        return messages.getMessage("refund.status." + status.name(), null, locale);
    }

    /** A history step's note in the reader's language; an older row's English text as it was stored. */
    String note(Refund.Change change, Locale locale) {
        return change.wording() == null ? change.note() : change.wording().in(messages, locale, change.note());
    }

    /** A note in English: what the history's plain {@code note} column and the logs keep. */
    String english(dev.zaiko.platform.Wording note) {
        return note.in(messages, Locale.ENGLISH, note.code());
    }

    /** For the customer, in the words of where the refund stands now. */
    String forCustomer(Refund r, Locale locale, ZoneId zone) {
        if (r.status() == RefundStatus.FAILED) return text("refund.text.FAILED", r, locale, zone);
        if (r.status() == RefundStatus.AWAITING_ACCOUNT) return text("refund.text." + r.route() + ".AWAITING", r,
                locale, zone);
        String key = "refund.text." + r.route();
        // "released" only once it was: before that (e.g. waiting for a person) it is being released
        if (r.route() == Route.VOID && r.status() != RefundStatus.COMPLETED) key += ".PENDING";
        if (r.route() == Route.COUPON) {
            if (r.status() != RefundStatus.COMPLETED) key += ".PENDING";
            else if (Boolean.TRUE.equals(r.outcome().get("replacement"))) key += ".REPLACEMENT";
        }
        if ((r.route() == Route.POINTS || r.route() == Route.GIFT_BALANCE) && r.outcome().containsKey("regranted")) {
            key += ".REGRANTED";
        }
        return text(key, r, locale, zone);
    }

    /**
     * What a person does for a task of the manual route ({@code refund.manual.instruction.*}):
     * {0} amount, {1} the provider's payment id or the masked account, {2} the payment method,
     * {3} the order number.
     */
    String manualInstruction(dev.zaiko.payment.ManualTask t, String orderNumber, Locale locale) {
        String target = t.payeeMasked() != null ? t.payeeMasked() : t.paymentReference();
        String method = t.method() == null ? "" : messages.getMessage("orders.payment.method." + t.method(), null,
                t.method(), locale);
        return messages.getMessage("refund.manual.instruction." + t.operation(),
                new Object[] {t.amount(), target, method, orderNumber == null ? "-" : orderNumber}, locale);
    }

    /**
     * Arguments: {0} amount, {1} first day, {2} last day, {3} validity, {4} coupon code,
     * {5} account deadline, {6} re-granted amount, {7} its validity.
     */
    private String text(String key, Refund r, Locale locale, ZoneId zone) {
        Object[] args = {r.amount(), date(r.expectedFrom(), locale), date(r.expectedBy(), locale),
                date(parse(r.outcome().get("validUntil")), locale), r.outcome().getOrDefault("couponCode", ""),
                r.accountDeadline() == null ? "" : date(LocalDate.ofInstant(r.accountDeadline(), zone), locale),
                r.outcome().getOrDefault("regranted", 0), date(parse(r.outcome().get("regrantedUntil")), locale)};
        return messages.getMessage(key, args, locale);
    }

    private static LocalDate parse(Object value) {
        return value == null ? null : LocalDate.parse(value.toString());
    }

    private static String date(LocalDate date, Locale locale) {
        return date == null ? "" : CustomerDates.format(date, locale);
    }
}
