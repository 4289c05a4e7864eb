package dev.zaiko.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.zaiko.platform.ZaikoProperties;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times and money as staff read them, in the shop's time zone; templates call it as
 * {@code ${@fmt.time(x)}}.
 */
@Component("fmt")
class ConsoleFormat {

    private static final DateTimeFormatter JA_TIME = DateTimeFormatter.ofPattern("M/d(E) HH:mm", Locale.JAPANESE);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("yyyy/M/d(E)", Locale.JAPANESE);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final ZaikoProperties zaiko;
    private final org.springframework.context.MessageSource messages;

    ConsoleFormat(ZaikoProperties zaiko, org.springframework.context.MessageSource messages) {
        this.zaiko = zaiko;
        this.messages = messages;
    }

    /** A stockout reason as staff name it in a list (the customer's wording is longer: StockoutTexts). */
    public String reason(String code) {
        return messages.getMessage("console.reason." + code, null, code, LocaleContextHolder.getLocale());
    }

    public String time(Instant at) {
        if (at == null) return "";
        return (english() ? EN_TIME : JA_TIME).format(at.atZone(zaiko.zone()));
    }

    public String date(LocalDate day) {
        if (day == null) return "";
        return (english() ? EN_DATE : JA_DATE).format(day);
    }

    /** Yen have no minor unit: 12,800円 / ¥12,800. */
    public String yen(long amount) {
        String n = String.format(Locale.ROOT, "%,d", amount);
        return english() ? "¥" + n : n + "円";
    }

    private static boolean english() {
        return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
