package dev.zaiko.platform;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Dates as a customer reads them in their language: 2026年11月24日, or 24 Nov 2026. */
public final class CustomerDates {

    private static final DateTimeFormatter JAPANESE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(Locale.UK);

    private CustomerDates() {
    }

    public static String format(LocalDate date, Locale locale) {
        return (Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : JAPANESE).format(date);
    }
}
