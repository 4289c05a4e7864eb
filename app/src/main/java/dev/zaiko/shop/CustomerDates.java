package dev.zaiko.shop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Dates as a customer reads them in their language: 2026年11月24日, or 24 Nov 2026. */
public final class CustomerDates {

    private static final DateTimeFormatter JAPANESE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(Locale.UK);
    private static final DateTimeFormatter JAPANESE_TIME = DateTimeFormatter.ofPattern("M月d日（E）H:mm",
            Locale.JAPANESE);
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.UK);

    private CustomerDates() {
    }

    public static String format(LocalDate date, Locale locale) {
        return (english(locale) ? ENGLISH : JAPANESE).format(date);
    }

    /** A moment in the shop's zone, as in "we will call you on 11月24日（火）10:00" / "Tue 24 Nov, 10:00". */
    public static String format(Instant at, ZoneId zone, Locale locale) {
        return (english(locale) ? ENGLISH_TIME : JAPANESE_TIME).format(at.atZone(zone));
    }

    private static boolean english(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }
}
