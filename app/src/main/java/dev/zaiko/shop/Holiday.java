package dev.zaiko.shop;

import java.time.LocalDate;
import java.util.Locale;

/** A Japanese national holiday (including 振替休日 and 国民の休日), named in both languages. */
public record Holiday(LocalDate date, String nameJa, String nameEn) {

    /** The name in the reader's language: English when asked for, Japanese otherwise. */
    public String name(Locale locale) {
        return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? nameEn : nameJa;
    }
}
