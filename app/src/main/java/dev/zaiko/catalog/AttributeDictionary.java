package dev.zaiko.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product attributes as people read them: the dictionary's name for a key and the wording of a
 * value, in Japanese or English. A key or a text value without an entry reads as itself, so a
 * product registered before its attributes were named still shows everything it has.
 */
@Service
@Transactional(readOnly = true)
public class AttributeDictionary {

    private final AttributeDictionaryStore store;

    AttributeDictionary(AttributeDictionaryStore store) {
        this.store = store;
    }

    public List<AttributeEntry> list() {
        return List.copyOf(store.all().values());
    }

    /** @throws NotFoundException when the key has no entry (404 in the API) */
    public AttributeEntry get(String attribute) {
        return store.find(attribute).orElseThrow(() -> new NotFoundException("The attribute dictionary has no entry '"
                + attribute + "'."));
    }

    /** The whole dictionary read once, for a page that words many attributes. */
    public Words words(Locale locale) {
        return new Words(store.all(), english(locale));
    }

    /** The dictionary in one language. */
    public static final class Words {

        private final Map<String, AttributeEntry> entries;
        private final boolean english;

        private Words(Map<String, AttributeEntry> entries, boolean english) {
            this.entries = entries;
            this.english = english;
        }

        /** The attribute's name ({@code 燃料}), or the key itself when it has none. */
        public String name(String attribute) {
            return Optional.ofNullable(entries.get(attribute)).map(e -> pick(e.name())).orElse(attribute);
        }

        /** A value as people read it: a number with its unit ({@code 1,500 mm}), a text in words ({@code 木}). */
        public String value(String attribute, Product.Attribute value) {
            if (value == null) return null;
            AttributeEntry e = entries.get(attribute);
            if (!value.isNumber()) {
                if (e == null) return value.text();
                Product.Name text = e.values().get(value.text());
                if (text == null) {
                    text = e.values().entrySet().stream().filter(v -> v.getKey().equalsIgnoreCase(value.text().strip()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                return text == null ? value.text() : pick(text);
            }
            String unit = e != null && e.unit() != null ? pick(e.unit()) : value.unit();
            if (unit == null || unit.isBlank()) return value.number().toPlainString();
            // 2人, 250 g: a Japanese unit follows the number directly
            return value.number().toPlainString() + (unit.charAt(0) >= '\u3000' ? "" : " ") + unit;
        }

        private String pick(Product.Name name) {
            return english ? name.en() : name.ja();
        }
    }

    private static boolean english(Locale locale) {
        return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    }
}
