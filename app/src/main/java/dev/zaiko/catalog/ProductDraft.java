package dev.zaiko.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zaiko.catalog.Product.Attribute;
import dev.zaiko.catalog.Product.Name;

/**
 * What a caller wants a product to be: the input to {@link RegisteringProducts#register} and
 * {@link RegisteringProducts#update}. Nothing is checked here; the catalog checks a draft as a
 * whole when it is registered, so that every broken rule is reported at once.
 *
 * <pre>{@code
 * ProductDraft.of("TENT-4P", "ドームテント 4人用", "Dome tent for 4", "tent", 29_800)
 *         .withPurposeTags("camping", "shelter")
 *         .withAttribute("capacity", Attribute.number(4, "persons"))
 *         .withAttribute("material", Attribute.text("polyester"))
 *         .withSupplier("Yamanami Outdoor", 14);
 * }</pre>
 *
 * @param status  {@code null}: ACTIVE for a new product, unchanged on an update
 * @param jan     the JAN code (13 or 8 digits with a valid check digit), {@code null} for none
 */
public record ProductDraft(String sku, Name name, String category, List<String> purposeTags,
                           Map<String, Attribute> attributes, long price, ProductStatus status, boolean oneOfAKind,
                           int lowStockThreshold, boolean backorderable, String supplier, Integer leadTimeDays,
                           String jan) {

    public static final int DEFAULT_LOW_STOCK_THRESHOLD = 3;

    public ProductDraft {
        // Copies that tolerate nulls: a null tag or attribute is reported by validation, not an NPE here.
        purposeTags = purposeTags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(purposeTags));
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A draft without a JAN code. */
    public ProductDraft(String sku, Name name, String category, List<String> purposeTags,
                        Map<String, Attribute> attributes, long price, ProductStatus status, boolean oneOfAKind,
                        int lowStockThreshold, boolean backorderable, String supplier, Integer leadTimeDays) {
        this(sku, name, category, purposeTags, attributes, price, status, oneOfAKind, lowStockThreshold, backorderable,
                supplier, leadTimeDays, null);
    }

    /** A draft with the defaults: no tags or attributes, not one-of-a-kind, threshold 3, no backorders. */
    public static ProductDraft of(String sku, String nameJa, String nameEn, String category, long price) {
        return new ProductDraft(sku, new Name(nameJa, nameEn), category, List.of(), Map.of(), price, null,
                false, DEFAULT_LOW_STOCK_THRESHOLD, false, null, null, null);
    }

    public ProductDraft withSku(String sku) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withName(String ja, String en) {
        return new ProductDraft(sku, new Name(ja, en), category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withCategory(String category) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withPurposeTags(String... tags) {
        return new ProductDraft(sku, name, category, List.of(tags), attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withAttribute(String attributeName, Attribute value) {
        Map<String, Attribute> more = new LinkedHashMap<>(attributes);
        more.put(attributeName, value);
        return new ProductDraft(sku, name, category, purposeTags, more, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withPrice(long price) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withStatus(ProductStatus status) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withOneOfAKind(boolean oneOfAKind) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withLowStockThreshold(int lowStockThreshold) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withBackorderable(boolean backorderable) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withSupplier(String supplier, Integer leadTimeDays) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }

    public ProductDraft withJan(String jan) {
        return new ProductDraft(sku, name, category, purposeTags, attributes, price, status, oneOfAKind,
                lowStockThreshold, backorderable, supplier, leadTimeDays, jan);
    }
}
