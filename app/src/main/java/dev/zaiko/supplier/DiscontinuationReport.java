package dev.zaiko.supplier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a discontinuation list names and what applying it touches (a preview), or what applying it
 * did. Nothing in a preview has changed anything.
 *
 * @param fileName  the uploaded file's name, if given
 * @param applied   false for a preview; true once every product was discontinued
 * @param listId    the record of the applied list ({@code GET /api/discontinuations/{id}}); null in a preview
 * @param rows      one entry per data row, in file order
 * @param errors    every row error (row number, field, code, message); a list with any is refused as a whole
 * @param warnings  row warnings (a product already discontinued): the list may still be applied
 * @param products  one entry per product the rows resolve to, in the order first named
 */
public record DiscontinuationReport(String fileName, boolean applied, Long listId, Totals totals, List<Row> rows,
                                    List<RowProblem> errors, List<RowProblem> warnings, List<ProductImpact> products) {

    public static final String OK = "OK";
    public static final String WARNING = "WARNING";
    public static final String ERROR = "ERROR";

    public boolean refused() {
        return !errors.isEmpty();
    }

    /**
     * @param products          products the valid rows name
     * @param newlyDiscontinued of those, the ones not discontinued yet (in a report of an applied list: those it discontinued)
     * @param linesShipping     open lines whose units are reserved: they still ship
     * @param casesToOpen       BACKORDERED lines: each becomes a stockout case
     * @param waitingOnInbound  of those, lines with a promised inbound date (today's preorders)
     * @param inbounds          expected inbounds of the products: they stay until the shop cancels them
     * @param channelsSelling   (product, channel) pairs selling units now: each stops at once (units are not
     *                          summed: channels sharing a pool sell the same units)
     */
    public record Totals(int rows, int products, int newlyDiscontinued, int linesShipping, int casesToOpen,
                         int waitingOnInbound, int inbounds, int channelsSelling) {
    }

    /**
     * A data row: what it says and what it resolves to.
     *
     * @param product the SKU of the product it names; null when it names none
     * @param status  {@value #OK}, {@value #WARNING} or {@value #ERROR}
     */
    public record Row(int row, String sku, String jan, String note, String product, String status,
                      List<RowProblem> problems) {
    }

    /**
     * @param field the column at fault: {@code sku}, {@code jan}, {@code note}, or {@code row} for the row as a whole
     * @param code  what is wrong, one word: {@code unknown-sku}, {@code unknown-jan}, {@code invalid-jan},
     *              {@code jan-ambiguous}, {@code sku-jan-mismatch}, {@code blank}, {@code duplicate},
     *              {@code note-too-long}, {@code field-count}; or the warning {@code already-discontinued}
     */
    public record RowProblem(int row, String field, String code, String message) {
    }

    /**
     * What discontinuing one product touches.
     *
     * @param rows               the rows naming it
     * @param alreadyDiscontinued true when it was discontinued before this list
     * @param shipping           open lines with reserved units (ALLOCATED, PICKING): they still ship
     * @param becomingCases      BACKORDERED lines: each becomes AWAITING_CUSTOMER with a stockout case
     * @param waitingOnInbound   of those, how many wait for a dated inbound (the seam for preorders)
     * @param inbounds           expected inbounds: they stay until the shop cancels them with the maker
     * @param sellable           channels that sell units of it now, with how many: those stop at once
     */
    public record ProductImpact(String sku, String nameJa, String nameEn, String jan, List<Integer> rows,
                                boolean alreadyDiscontinued, List<Line> shipping, List<Line> becomingCases,
                                int waitingOnInbound, List<ExpectedInbound> inbounds, List<ChannelUnits> sellable) {
    }

    public record Line(String orderNumber, int lineNo, int quantity, String status, String channel, boolean b2b,
                       Instant placedAt, LocalDate promisedDate) {
    }

    public record ExpectedInbound(long id, String location, int quantity, LocalDate expectedOn, String reference) {
    }

    public record ChannelUnits(String channel, int units) {
    }
}
