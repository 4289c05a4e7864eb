package dev.zaiko.connector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sale (or return) at a store's till as a POS platform holds it, in the port's own words: what a
 * POS adapter reads from its transaction API and hands to the core ({@link ImportingTillSales}),
 * which makes each line a till sale at the channel's store (or, for a return, a receipt to inspect)
 * exactly once. A till transaction is not a marketplace order: no buyer, no payment, no shipping.
 *
 * @param transactionId the platform's id of the transaction (Smaregi transactionHeadId)
 * @param soldAt        when the till sold it, by the till's clock, else null (then: when Zaiko records it)
 * @param lines         the goods that left (SALE) or came back (RETURN)
 * @param raw           the platform's own record of the transaction, as read (shown in the inbox)
 */
public record TillSale(String transactionId, Instant soldAt, List<Line> lines, String raw) {

    public TillSale {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public enum Kind { SALE, RETURN }

    /**
     * @param lineId      the platform's id of the line within the transaction (Smaregi transactionDetailId)
     * @param identifiers the item's identifiers by the names the channel's mapping uses (Smaregi {@code productId})
     * @param kind        SALE: units left the store; RETURN: units came back to it
     * @param quantity    units, at least 1 (an adapter passes 0 for a quantity it could not read: the
     *                    core keeps the transaction in the inbox as MALFORMED)
     */
    public record Line(String lineId, Map<String, String> identifiers, Kind kind, int quantity) {

        public Line {
            identifiers = identifiers == null ? Map.of() : Map.copyOf(identifiers);
        }
    }

    /**
     * One pull's answer: the till transactions since the cursor, and the cursor to ask from next.
     *
     * @param nextCursor where the next pull starts (stored only after every line of the page was
     *                   recorded or its transaction kept in the inbox)
     * @param more       true when the platform has more pages right now
     */
    public record Page(List<TillSale> sales, String nextCursor, boolean more) {

        public Page {
            sales = List.copyOf(sales);
        }
    }
}
