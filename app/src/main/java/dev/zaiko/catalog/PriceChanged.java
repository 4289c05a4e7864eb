package dev.zaiko.catalog;

import java.time.Instant;

/**
 * A product's price changed (or was first set: {@code oldPrice} null), published in the changing
 * transaction; the catalog also keeps every change ({@code PriceHistory}).
 */
public record PriceChanged(String sku, Long oldPrice, long newPrice, String currency, String changedBy, Instant at) {
}
