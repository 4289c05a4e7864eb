package dev.zaiko.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.context.MessageSource;

/**
 * Checks one posted console form field by field, collecting what is wrong as message keys, so
 * each problem is shown next to its field in the reader's language. The form's fields arrive as
 * text: a quantity of "abc" or "2.5" is an error to show, not an exception.
 */
final class InventoryFormCheck {

    /** The API's own limit for a quantity (inventory's StockController), so both refuse the same. */
    static final int MAX_UNITS = 1_000_000;

    /** The name of the error that belongs to the whole form rather than to one field. */
    static final String FORM = "form";

    private record Problem(String key, Object[] args) {
    }

    private final String form;
    private final Map<String, String> params;
    private final Map<String, Problem> problems = new LinkedHashMap<>();

    InventoryFormCheck(String form, Map<String, String> params) {
        this.form = form;
        this.params = params;
    }

    String form() {
        return form;
    }

    private String raw(String field) {
        String value = params.get(field);
        return value == null ? "" : value.strip();
    }

    /** Optional text; null when blank. */
    String optional(String field, int maxLength) {
        String value = raw(field);
        if (value.length() > maxLength) reject(field, "inventory.error.tooLong", maxLength);
        return value.isEmpty() ? null : value;
    }

    String required(String field, int maxLength) {
        String value = raw(field);
        if (value.isEmpty()) {
            reject(field, "inventory.error.required");
            return null;
        }
        return optional(field, maxLength);
    }

    /** A whole number of units from {@code min} to {@link #MAX_UNITS}. */
    Integer units(String field, int min) {
        String value = raw(field);
        if (value.isEmpty()) {
            reject(field, "inventory.error.required");
            return null;
        }
        int units;
        try {
            units = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            reject(field, "inventory.error.wholeNumber");
            return null;
        }
        if (units < min) {
            reject(field, "inventory.error.atLeast", min);
            return null;
        }
        if (units > MAX_UNITS) {
            reject(field, "inventory.error.atMost", MAX_UNITS);
            return null;
        }
        return units;
    }

    String location(String field, Predicate<String> exists) {
        String code = raw(field);
        if (code.isEmpty()) {
            reject(field, "inventory.error.chooseLocation");
            return null;
        }
        if (!exists.test(code)) {
            reject(field, "inventory.error.unknownLocation", code);
            return null;
        }
        return code;
    }

    <E extends Enum<E>> E choice(String field, Class<E> type) {
        String value = raw(field);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) return e;
        }
        reject(field, "inventory.error.choose");
        return null;
    }

    boolean checked(String field) {
        return List.of("on", "true", "yes").contains(raw(field));
    }

    void reject(String field, String key, Object... args) {
        problems.putIfAbsent(field, new Problem(key, args));
    }

    boolean isValid() {
        return problems.isEmpty();
    }

    /** Messages by {@code <form>.<field>}, in the reader's language. */
    Map<String, String> errors(MessageSource messages, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.forEach((field, p) -> errors.put(form + "." + field, messages.getMessage(p.key(), p.args(), locale)));
        return errors;
    }

    /** What was posted, by {@code <form>.<field>}, so the form shows it again as typed. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((field, value) -> {
            if (!"_csrf".equals(field)) values.put(form + "." + field, value);
        });
        return values;
    }
}
