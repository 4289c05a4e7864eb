package dev.zaiko.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of the attribute dictionary: how a product attribute's key ({@code fuel}) is named
 * for people, in Japanese and English, with its unit's wording when it has one, and the wording
 * of its text values ({@code wood} → 木 / wood).
 *
 * @param attribute the key as products use it in {@code attributes}
 * @param unit      the unit as people read it, or null to show the product's own unit
 * @param values    a text value as products store it → its wording
 */
@JsonPropertyOrder({"attribute", "name", "unit", "values", "updatedAt"})
public record AttributeEntry(String attribute, Product.Name name, Product.Name unit, Map<String, Product.Name> values,
                             Instant updatedAt) {

    public AttributeEntry {
        values = values == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
