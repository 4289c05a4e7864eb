package dev.zaiko.stockout;

/**
 * A filter for {@link StockoutCases#list}; null criteria mean "any".
 *
 * @param orderDigits the order number's 17 digits
 * @param page        zero-based
 */
public record StockoutQuery(StockoutStatus status, String reason, Integer priority, String sku, String orderDigits,
                            int page, int size) {

    public StockoutQuery(StockoutStatus status, String reason, Integer priority, int page, int size) {
        this(status, reason, priority, null, null, page, size);
    }

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;
}
