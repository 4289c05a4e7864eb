package dev.zaiko.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sentence kept as a message-bundle key and its arguments, worded when it is read, in the
 * reader's language: what a timeline or history row stores instead of a finished English sentence.
 * An argument is either a plain value (a number, an order number) or a code worded through a
 * bundle key of its own ({@code console.reason.INSPECTION_DEFECT}); a code the bundles do not know
 * reads as itself. Stored as the key ({@link #code}) and the arguments as JSON ({@link #argsJson}).
 *
 * @param code the bundle key of the whole sentence
 * @param args its arguments, in the order the sentence's placeholders number them
 */
public record Wording(String code, List<Arg> args) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Arg>> ARGS = new TypeReference<>() {
    };

    public Wording {
        if (code == null || code.isBlank()) throw new IllegalArgumentException("A wording needs a bundle key");
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Wording of(String code, Arg... args) {
        return new Wording(code, List.of(args));
    }

    /**
     * @param value the value as stored and as an API client reads it
     * @param key   the bundle key that words the value, or null when the value is shown as it is
     */
    public record Arg(String value, String key) {

        /** A value shown as it is (a line number, an order number, a name). */
        public static Arg plain(Object value) {
            return new Arg(value == null ? "" : String.valueOf(value), null);
        }

        /** A code worded by {@code prefix + code}, e.g. {@code worded("stockout.choice.", "WAIT")}. */
        public static Arg worded(String prefix, Object code) {
            String value = code == null ? "" : String.valueOf(code);
            return new Arg(value, prefix + value);
        }
    }

    /** The arguments' values, as an API client reads them next to {@link #code}. */
    public List<String> values() {
        return args.stream().map(Arg::value).toList();
    }

    /** The sentence in {@code locale}; {@code fallback} (or the key) when the bundles do not know the key. */
    public String in(MessageSource messages, Locale locale, String fallback) {
        Object[] worded = new Object[args.size()];
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            worded[i] = a.key() == null ? a.value() : messages.getMessage(a.key(), null, a.value(), locale);
        }
        return messages.getMessage(code, worded, fallback == null ? code : fallback, locale);
    }

    public String argsJson() {
        return JSON.writeValueAsString(args);
    }

    /** The wording stored as {@code code} and {@code argsJson}; null when no code was stored (an older row). */
    public static Wording read(String code, String argsJson) {
        if (code == null || code.isBlank()) return null;
        List<Arg> args = argsJson == null || argsJson.isBlank() ? List.of()
                : new ArrayList<>(JSON.readValue(argsJson, ARGS));
        return new Wording(code, args);
    }
}
