package dev.zaiko.marketplace;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did, row by row. {@code rows} counts the data rows; {@code imported},
 * {@code duplicates} and {@code valid} count rows too (all rows of an order count with it). A row
 * with an error changed nothing; an order with an error in any of its rows is not imported at all.
 *
 * @param valid  rows without an error: imported or duplicates; in a dry run, what a real run would
 *               import or skip
 * @param dryRun true when nothing was written, only checked ({@code ?dryRun=true})
 * @param items  one entry per sale or order: {@code IMPORTED}, {@code DUPLICATE}, {@code ERROR}, or
 *               in a dry run {@code WOULD_IMPORT} and {@code ALREADY_IMPORTED} (counted as duplicates);
 *               with the rows it came from and, for an order, its order number (the existing one
 *               for an order imported before)
 */
public record ImportReport(int rows, int imported, int duplicates, int valid, boolean dryRun, List<RowError> errors,
                           List<Item> items) {

    public record RowError(int row, String field, String message) {
    }

    public record Item(String id, List<Integer> rows, String status, String orderNumber) {
    }

    static final class Builder {
        private final int rows;
        private final boolean dryRun;
        private int imported;
        private int valid;
        private int duplicates;
        private final List<RowError> errors = new ArrayList<>();
        private final List<Item> items = new ArrayList<>();

        Builder(int rows, boolean dryRun) {
            this.rows = rows;
            this.dryRun = dryRun;
        }

        boolean dryRun() {
            return dryRun;
        }

        /** Dry run: the sale or order would be imported. */
        void wouldImport(String id, List<Integer> rowNumbers) {
            valid += rowNumbers.size();
            items.add(new Item(id, rowNumbers, "WOULD_IMPORT", null));
        }

        /** Dry run: the sale or order was imported before; a real run would skip it as a duplicate. */
        void alreadyImported(String id, List<Integer> rowNumbers, String orderNumber) {
            duplicates += rowNumbers.size();
            valid += rowNumbers.size();
            items.add(new Item(id, rowNumbers, "ALREADY_IMPORTED", orderNumber));
        }

        void error(int row, String field, String message) {
            errors.add(new RowError(row, field, message));
        }

        void imported(String id, List<Integer> rowNumbers, String orderNumber) {
            imported += rowNumbers.size();
            valid += rowNumbers.size();
            items.add(new Item(id, rowNumbers, "IMPORTED", orderNumber));
        }

        void duplicate(String id, List<Integer> rowNumbers, String orderNumber) {
            duplicates += rowNumbers.size();
            valid += rowNumbers.size();
            items.add(new Item(id, rowNumbers, "DUPLICATE", orderNumber));
        }

        void failed(String id, List<Integer> rowNumbers) {
            items.add(new Item(id, rowNumbers, "ERROR", null));
        }

        ImportReport build() {
            errors.sort(java.util.Comparator.comparingInt(RowError::row));
            return new ImportReport(rows, imported, duplicates, valid, dryRun, List.copyOf(errors), List.copyOf(items));
        }
    }
}
