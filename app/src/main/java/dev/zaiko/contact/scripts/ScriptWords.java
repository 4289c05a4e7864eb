package dev.zaiko.contact.scripts;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.zaiko.shop.CustomerDates;
import dev.zaiko.stockout.Choice;
import dev.zaiko.stockout.StockoutFacts;
import org.springframework.context.MessageSource;

/** The script's words in one language, from the message bundles ({@code contact.script.*}). */
final class ScriptWords {

    static final String PREFIX = "contact.script.";

    private final MessageSource messages;
    private final Locale locale;

    ScriptWords(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    Locale locale() {
        return locale;
    }

    boolean english() {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }

    /** The text of {@code contact.script.<key>}. */
    String t(String key, Object... args) {
        return messages.getMessage(PREFIX + key, args, locale);
    }

    /** The text of {@code contact.script.<key>}, or {@code fallback} when the bundle has no such key. */
    String tOr(String key, String fallback, Object... args) {
        return messages.getMessage(PREFIX + key, args, fallback, locale);
    }

    /** Whole yen as the customer reads it: 1,234円 or ¥1,234. */
    String yen(long amount) {
        return t("yen", amount);
    }

    String date(LocalDate date) {
        return CustomerDates.format(date, locale);
    }

    /** The label an option is read under, the same wherever it is named. */
    String label(Choice choice) {
        return t("choice." + choice.name());
    }

    String name(StockoutFacts.Name name, String sku) {
        if (name == null) return sku;
        String n = english() ? name.en() : name.ja();
        if (n == null || n.isBlank()) n = english() ? name.ja() : name.en();
        return n == null || n.isBlank() ? sku : n;
    }

    /** The labels of several options, joined as a list is read out. */
    String labels(List<Choice> choices) {
        return String.join(t("listSeparator"), choices.stream().map(this::label).toList());
    }

    /**
     * The order number as it is read out, in groups: {@code 250-0000001-1000001} becomes
     * {@code 250 / 000 0001 / 100 0001} (the seven-digit parts in three and four).
     */
    String readAloud(String orderNumber) {
        String[] parts = orderNumber.split("-");
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!out.isEmpty()) out.append(t("numberGroupSeparator"));
            out.append(part.length() > 4 ? part.substring(0, part.length() - 4) + " " + part.substring(part.length() - 4)
                    : part);
        }
        return out.toString();
    }
}
