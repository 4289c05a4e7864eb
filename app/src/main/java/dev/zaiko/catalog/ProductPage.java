package dev.zaiko.catalog;

import java.util.List;

/** One page of products, sorted by SKU. {@code total} counts every match, not just this page. */
public record ProductPage(List<Product> items, int page, int size, long total) {

    public ProductPage {
        items = List.copyOf(items);
    }
}
