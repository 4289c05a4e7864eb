package dev.zaiko.stockout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which attributes of a category matter for a substitute and which way is acceptable, e.g. a
 * tent with room for more persons or a higher waterproof rating is fine, a heavier one is worse.
 */
public final class AttributeRules {

    /** How a substitute's value compares with the missing product's. */
    public enum Direction {
        /** More is acceptable, less is worse (a bigger bottle, a higher waterproof rating). */
        AT_LEAST,
        /** Less is acceptable, more is worse (weight, a comfort temperature). */
        AT_MOST,
        /** Neither way is worse, the closer the better (a number without a better side). */
        CLOSEST,
        /** Must be the same (a text such as the season or the connector). */
        SAME
    }

    private AttributeRules() {
    }

    /** {@code capacity:AT_LEAST,weight:AT_MOST}: attribute name, colon, direction; in the order given. */
    public static Map<String, Direction> parse(String category, String spec) {
        Map<String, Direction> rules = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return rules;
        for (String part : spec.split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("zaiko.stockout.options.attributes." + category + ": '" + part.strip()
                        + "' must be NAME:DIRECTION, DIRECTION one of AT_LEAST, AT_MOST, CLOSEST, SAME");
            }
            String name = part.substring(0, colon).strip();
            try {
                rules.put(name, Direction.valueOf(part.substring(colon + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("zaiko.stockout.options.attributes." + category + ": unknown direction in '"
                        + part.strip() + "'; use AT_LEAST, AT_MOST, CLOSEST or SAME");
            }
        }
        return rules;
    }
}
