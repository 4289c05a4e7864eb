package dev.zaiko.stockout;

/**
 * A filter for {@link StockoutCases#list}; null criteria mean "any".
 *
 * @param page zero-based
 */
public record StockoutQuery(StockoutStatus status, String reason, Integer priority, int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;
}
