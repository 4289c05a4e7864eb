package dev.zaiko.catalog;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zaiko.platform.InvalidRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Naming a product attribute in the dictionary (creating or replacing its entry): its name in
 * Japanese and English, its unit's wording, its text values' wording. A broken rule is refused
 * naming the field, and nothing is written.
 */
@Service
public class DefiningAttributes {

    static final int MAX_KEY = 100;
    /** A word or words, as products name their attributes ("fuel", "net weight", "容量"). */
    static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("\\p{L}[\\p{L}\\p{N} _.-]*");
    static final int MAX_TEXT = 200;
    static final int MAX_VALUES = 200;

    private final AttributeDictionaryStore store;
    private final Clock clock;

    DefiningAttributes(AttributeDictionaryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What is asked: {@code unit} and {@code values} may be left out. */
    public record Definition(Product.Name name, Product.Name unit, Map<String, Product.Name> values) {
    }

    public record Defined(AttributeEntry entry, boolean created) {
    }

    /** @throws InvalidRequestException {@code attribute-invalid} with the offending {@code field} */
    @Transactional
    public Defined define(String attribute, Definition d) {
        String key = attribute == null ? "" : attribute.strip();
        if (key.isEmpty() || key.length() > MAX_KEY) {
            throw refused("attribute", "the attribute key must be 1 to " + MAX_KEY + " characters");
        }
        if (!KEY.matcher(key).matches()) {
            throw refused("attribute", "an attribute key is a word: it starts with a letter and holds letters, "
                    + "digits, spaces, '_', '-' and '.' (as in \"net weight\")");
        }
        if (d == null || d.name() == null) throw refused("name", "name is required, with both name.ja and name.en");
        text("name.ja", d.name().ja());
        text("name.en", d.name().en());
        Product.Name unit = null;
        if (d.unit() != null && !(blank(d.unit().ja()) && blank(d.unit().en()))) {
            text("unit.ja", d.unit().ja());
            text("unit.en", d.unit().en());
            unit = new Product.Name(d.unit().ja().strip(), d.unit().en().strip());
        }
        Map<String, Product.Name> values = new LinkedHashMap<>();
        if (d.values() != null) {
            if (d.values().size() > MAX_VALUES) throw refused("values", "at most " + MAX_VALUES + " values");
            for (Map.Entry<String, Product.Name> v : d.values().entrySet()) {
                if (blank(v.getKey()) || v.getKey().length() > MAX_TEXT) {
                    throw refused("values", "a value must be 1 to " + MAX_TEXT + " characters");
                }
                if (v.getValue() == null) {
                    throw refused("values." + v.getKey(), "each value needs its wording in ja and en");
                }
                text("values." + v.getKey() + ".ja", v.getValue().ja());
                text("values." + v.getKey() + ".en", v.getValue().en());
                values.put(v.getKey().strip(), new Product.Name(v.getValue().ja().strip(), v.getValue().en().strip()));
            }
        }
        AttributeEntry entry = new AttributeEntry(key, new Product.Name(d.name().ja().strip(), d.name().en().strip()),
                unit, values, clock.instant());
        boolean created = store.put(entry, entry.updatedAt());
        return new Defined(store.find(key).orElseThrow(), created);
    }

    private static void text(String field, String value) {
        if (blank(value)) throw refused(field, field + " is required");
        if (value.length() > MAX_TEXT) throw refused(field, field + " must be at most " + MAX_TEXT + " characters");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static InvalidRequestException refused(String field, String detail) {
        return new InvalidRequestException("attribute-invalid", detail + "; nothing was changed.",
                Map.of("field", field));
    }
}
