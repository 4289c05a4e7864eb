package dev.zaiko.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A product as the catalog knows it. Attributes come back sorted by name so that two reads of
 * the same product are equal whatever order they were registered in.
 *
 * @param price         in whole yen (JPY has no minor unit)
 * @param supplier      who the shop buys it from, if known
 * @param leadTimeDays  days from ordering at the supplier to receipt, if known
 * @param jan           its JAN code (13 or 8 digits with a valid check digit), unique, if known
 */
@JsonPropertyOrder({"sku", "name", "category", "purposeTags", "attributes", "price", "currency", "status",
        "oneOfAKind", "lowStockThreshold", "backorderable", "supplier", "leadTimeDays", "jan", "createdAt", "updatedAt"})
public record Product(String sku, Name name, String category, List<String> purposeTags,
                      Map<String, Attribute> attributes, long price, ProductStatus status, boolean oneOfAKind,
                      int lowStockThreshold, boolean backorderable, String supplier, Integer leadTimeDays,
                      String jan, Instant createdAt, Instant updatedAt) {

    public static final String CURRENCY = "JPY";

    public Product {
        purposeTags = List.copyOf(purposeTags);
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** A product without a JAN code. */
    public Product(String sku, Name name, String category, List<String> purposeTags, Map<String, Attribute> attributes,
                   long price, ProductStatus status, boolean oneOfAKind, int lowStockThreshold, boolean backorderable,
                   String supplier, Integer leadTimeDays, Instant createdAt, Instant updatedAt) {
        this(sku, name, category, purposeTags, attributes, price, status, oneOfAKind, lowStockThreshold, backorderable,
                supplier, leadTimeDays, null, createdAt, updatedAt);
    }

    @JsonProperty("currency")
    public String currency() {
        return CURRENCY;
    }

    @JsonIgnore // derived from status; the API shape is fixed by DESIGN.md
    public boolean isDiscontinued() {
        return status == ProductStatus.DISCONTINUED;
    }

    public record Name(String ja, String en) {
    }

    /**
     * One attribute value: either a number, optionally with a unit ({@code 4 persons},
     * {@code 1500 mm}), or a text ({@code polyester}). Exactly one of {@code number} and
     * {@code text} is set. Numbers are kept without trailing zeros so that {@code 1.50} and
     * {@code 1.5} are the same value.
     */
    public record Attribute(BigDecimal number, String text, String unit) {

        public Attribute {
            if ((number == null) == (text == null)) {
                throw new IllegalArgumentException("An attribute is either a number or a text");
            }
            if (unit != null && number == null) {
                throw new IllegalArgumentException("Only a number attribute can have a unit");
            }
            if (number != null) {
                number = number.stripTrailingZeros();
                if (number.scale() < 0) number = number.setScale(0);
            }
        }

        public static Attribute number(long value) {
            return new Attribute(BigDecimal.valueOf(value), null, null);
        }

        public static Attribute number(long value, String unit) {
            return new Attribute(BigDecimal.valueOf(value), null, unit);
        }

        public static Attribute number(BigDecimal value, String unit) {
            return new Attribute(value, null, unit);
        }

        public static Attribute text(String value) {
            return new Attribute(null, value, null);
        }

        public boolean isNumber() {
            return number != null;
        }

        /** The API shape: {@code {"value": 4, "unit": "persons"}} or {@code {"value": "polyester"}}. */
        @JsonValue
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("value", isNumber() ? number : text);
            if (unit != null) json.put("unit", unit);
            return json;
        }
    }

    /** Everything but the timestamps, as a draft that can be changed and passed to an update. */
    public ProductDraft toDraft() {
        return new ProductDraft(sku, name, category, new ArrayList<>(purposeTags), new LinkedHashMap<>(attributes),
                price, status, oneOfAKind, lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }
}
