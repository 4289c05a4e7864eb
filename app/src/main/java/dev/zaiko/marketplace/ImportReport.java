package dev.zaiko.marketplace;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, row by row. {@code rows} counts the data rows; {@code imported} and
 * {@code duplicates} count rows too (all rows of an order count with it). A row with an error
 * changed nothing; an order with an error in any of its rows is not imported at all.
 *
 * @param items one entry per sale or order: {@code IMPORTED}, {@code DUPLICATE} or {@code ERROR},
 *              with the rows it came from and, for an order, its order number
 */
public record ImportReport(int rows, int imported, int duplicates, List<RowError> errors, List<Item> items) {

    public record RowError(int row, String field, String message) {
    }

    public record Item(String id, List<Integer> rows, String status, String orderNumber) {
    }

    static final class Builder {
        private final int rows;
        private int imported;
        private int duplicates;
        private final List<RowError> errors = new ArrayList<>();
        private final List<Item> items = new ArrayList<>();

        Builder(int rows) {
            this.rows = rows;
        }

        void error(int row, String field, String message) {
            errors.add(new RowError(row, field, message));
        }

        void imported(String id, List<Integer> rowNumbers, String orderNumber) {
            imported += rowNumbers.size();
            items.add(new Item(id, rowNumbers, "IMPORTED", orderNumber));
        }

        void duplicate(String id, List<Integer> rowNumbers, String orderNumber) {
            duplicates += rowNumbers.size();
            items.add(new Item(id, rowNumbers, "DUPLICATE", orderNumber));
        }

        void failed(String id, List<Integer> rowNumbers) {
            items.add(new Item(id, rowNumbers, "ERROR", null));
        }

        ImportReport build() {
            errors.sort(java.util.Comparator.comparingInt(RowError::row));
            return new ImportReport(rows, imported, duplicates, List.copyOf(errors), List.copyOf(items));
        }
    }
}
