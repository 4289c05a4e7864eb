package dev.zaiko.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zaiko.catalog.Product.Attribute;
import dev.zaiko.catalog.Product.Name;
import dev.zaiko.platform.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * The JSON body of POST and PUT /api/products. Fields whose JSON type matters are read as
 * {@link JsonNode}: Jackson would quietly turn a price of 1500.5 into 1500 or an attribute
 * value of {@code true} into text, and the catalog refuses both instead.
 *
 * <p>The read-only fields of a product as GET returns it are accepted and ignored, so a client
 * can send back what it read; any other unknown field is refused.
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"currency", "createdAt", "updatedAt"})
record ProductRequest(String sku, JsonNode name, String category, JsonNode purposeTags, JsonNode attributes,
                      JsonNode price, String status, Boolean oneOfAKind, JsonNode lowStockThreshold,
                      Boolean backorderable, String supplier, JsonNode leadTimeDays, JsonNode jan) {

    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("value", "unit");

    /** Checks the JSON types; the catalog's rules are checked on the draft afterwards. */
    ProductDraft toDraft() {
        List<String> problems = new ArrayList<>();
        Name parsedName = name(problems);
        List<String> tags = purposeTags(problems);
        Map<String, Attribute> parsedAttributes = attributes(problems);
        Long parsedPrice = price(problems);
        ProductStatus parsedStatus = status(problems);
        Integer threshold = wholeNumber(problems, "lowStockThreshold", lowStockThreshold);
        Integer leadTime = wholeNumber(problems, "leadTimeDays", leadTimeDays);
        String parsedJan = jan(problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join("; ", problems) + ".");
        }
        return new ProductDraft(sku, parsedName, category, tags, parsedAttributes, parsedPrice, parsedStatus,
                Boolean.TRUE.equals(oneOfAKind), threshold == null ? ProductDraft.DEFAULT_LOW_STOCK_THRESHOLD : threshold,
                Boolean.TRUE.equals(backorderable), supplier, leadTime, parsedJan);
    }

    private Name name(List<String> problems) {
        if (absent(name)) return null;
        if (!name.isObject()) {
            problems.add("name must be an object with both names, e.g. {\"ja\": \"テント\", \"en\": \"Tent\"}");
            return null;
        }
        return new Name(text(problems, "name.ja", name.get("ja")), text(problems, "name.en", name.get("en")));
    }

    private List<String> purposeTags(List<String> problems) {
        if (absent(purposeTags)) return List.of();
        if (!purposeTags.isArray()) {
            problems.add("purposeTags must be a list of texts, e.g. [\"camping\", \"shelter\"]");
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : purposeTags) {
            if (!tag.isString()) {
                problems.add("purposeTags must contain only texts, got " + tag);
                return List.of();
            }
            tags.add(tag.stringValue());
        }
        return tags;
    }

    private Map<String, Attribute> attributes(List<String> problems) {
        if (absent(attributes)) return Map.of();
        if (!attributes.isObject()) {
            problems.add("attributes must be an object mapping each attribute name to {\"value\": ..., \"unit\": ...}");
            return Map.of();
        }
        Map<String, Attribute> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : attributes.properties()) {
            String field = "attributes." + entry.getKey();
            JsonNode attribute = entry.getValue();
            if (!attribute.isObject()) {
                problems.add(field + " must be an object like {\"value\": 4, \"unit\": \"persons\"}"
                        + " or {\"value\": \"polyester\"}");
                continue;
            }
            List<String> unknown = attribute.propertyNames().stream().filter(f -> !ATTRIBUTE_FIELDS.contains(f)).toList();
            if (!unknown.isEmpty()) {
                problems.add(field + " has unknown fields " + unknown + "; only value and unit are allowed");
                continue;
            }
            JsonNode value = attribute.get("value");
            JsonNode unit = attribute.get("unit");
            if (!absent(unit) && !unit.isString()) {
                problems.add(field + ".unit must be a text, got " + unit);
            } else if (absent(value)) {
                problems.add(field + ".value is required: a number or a text");
            } else if (value.isNumber()) {
                parsed.put(entry.getKey(), Attribute.number(value.decimalValue(), absent(unit) ? null : unit.stringValue()));
            } else if (value.isString()) {
                if (!absent(unit)) {
                    problems.add(field + ".unit is only allowed with a number value, but the value is the text "
                            + value);
                } else {
                    parsed.put(entry.getKey(), Attribute.text(value.stringValue()));
                }
            } else {
                problems.add(field + ".value must be a number or a text, got " + describe(value));
            }
        }
        return parsed;
    }

    private Long price(List<String> problems) {
        if (absent(price)) {
            problems.add("price is required: a whole number of yen, e.g. 1500");
            return null;
        }
        if (!price.isIntegralNumber() || !price.canConvertToLong()) {
            problems.add("price must be a whole number of yen (JPY has no decimals), got " + price);
            return null;
        }
        return price.longValue();
    }

    private ProductStatus status(List<String> problems) {
        if (status == null) return null;
        try {
            return ProductStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            problems.add("status must be ACTIVE or DISCONTINUED, got '" + status + "'");
            return null;
        }
    }

    /** A text of digits: a number would lose a JAN's leading zeros, so it is refused rather than guessed. */
    private String jan(List<String> problems) {
        if (absent(jan)) return null;
        if (!jan.isString()) {
            problems.add("jan must be a text of 13 or 8 digits, e.g. \"4901234567894\", got " + describe(jan));
            return null;
        }
        return jan.stringValue();
    }

    private static Integer wholeNumber(List<String> problems, String field, JsonNode node) {
        if (absent(node)) return null;
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(field + " must be a whole number, got " + node);
            return null;
        }
        return node.intValue();
    }

    private static String text(List<String> problems, String field, JsonNode node) {
        if (absent(node)) return null;
        if (!node.isString()) {
            problems.add(field + " must be a text, got " + node);
            return null;
        }
        return node.stringValue();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) return "an object";
        if (value.isArray()) return "a list";
        return value.toString();
    }
}
