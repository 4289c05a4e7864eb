package dev.zaiko.supplier;

import java.time.Instant;
import java.util.List;

/**
 * The record of an applied discontinuation list.
 *
 * @param appliedBy         who applied it (a console user or an API token)
 * @param products          products its rows named
 * @param newlyDiscontinued of those, the ones it discontinued (the others were already)
 * @param casesOpened       BACKORDERED lines that became stockout cases
 * @param items             its rows; empty in a list of records ({@code GET /api/discontinuations})
 */
public record DiscontinuationList(long id, String fileName, String appliedBy, Instant appliedAt, int rows, int products,
                                  int newlyDiscontinued, int casesOpened, List<Item> items) {

    /** @param product the SKU the row resolved to; @param warning e.g. {@code already-discontinued} */
    public record Item(int row, String sku, String jan, String note, String product, String warning) {
    }
}
