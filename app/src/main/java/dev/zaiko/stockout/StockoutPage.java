package dev.zaiko.stockout;

import java.util.List;

/** One page of cases, most urgent contact deadline first. {@code total} counts every match. */
public record StockoutPage(List<StockoutCase> items, int page, int size, long total) {

    public StockoutPage {
        items = List.copyOf(items);
    }
}
