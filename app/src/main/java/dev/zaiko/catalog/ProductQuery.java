package dev.zaiko.catalog;

/**
 * A filter for {@link Products#list}. Every criterion is optional ({@code null}: any).
 *
 * @param text  matched case-insensitively against the SKU and both names
 * @param page  zero-based
 */
public record ProductQuery(String category, String text, ProductStatus status, int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public static ProductQuery all() {
        return new ProductQuery(null, null, null, 0, DEFAULT_SIZE);
    }

    public ProductQuery inCategory(String category) {
        return new ProductQuery(category, text, status, page, size);
    }

    public ProductQuery matching(String text) {
        return new ProductQuery(category, text, status, page, size);
    }

    public ProductQuery withStatus(ProductStatus status) {
        return new ProductQuery(category, text, status, page, size);
    }

    public ProductQuery page(int page, int size) {
        return new ProductQuery(category, text, status, page, size);
    }
}
