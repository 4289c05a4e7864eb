package dev.zaiko.stockout;

import dev.zaiko.shop.BusinessDays;
import java.time.LocalDate;
import java.util.List;

import dev.zaiko.catalog.Product;
import dev.zaiko.inventory.StockElsewhere;
import dev.zaiko.order.OrderLineShort;

/**
 * Everything the option rules look at, gathered once: plain data, so each rule is a pure function
 * that a test can feed directly.
 *
 * @param reason          the case's reason code
 * @param lineQuantity    units on the line now
 * @param reservedUnits   units still reserved for the line (they ship as ordered)
 * @param shortUnits      units missing: {@code lineQuantity - reservedUnits}
 * @param unitPrice       whole yen the customer paid per unit
 * @param otherLinesShip  another line of the order is allocated or being prepared, so something can ship now
 * @param product         the missing product; null when the catalog does not know it
 * @param neededBy        the date the order must reach the customer (gift or express promise), or null
 * @param nextInbound     the earliest dated inbound into the channel's pool, or null
 * @param promisedDate    the date the line was already promised (a backordered line), or null
 * @param substitutes     ranked candidates (already filtered by stock and price rules)
 * @param elsewhere       units outside the channel's pool, most first
 */
public record OptionContext(String reason, int lineQuantity, int reservedUnits, int shortUnits, long unitPrice,
                            boolean otherLinesShip, Product product, LocalDate today, LocalDate neededBy,
                            StockoutFacts.NextInbound nextInbound, LocalDate promisedDate,
                            List<SubstituteCandidate> substitutes, List<StockElsewhere> elsewhere,
                            StockoutOptionsProperties policy, BusinessDays calendar) {

    public OptionContext {
        substitutes = List.copyOf(substitutes);
        elsewhere = List.copyOf(elsewhere);
    }

    /** An aged backorder offers only keeping the wait or cancelling: nothing went missing. */
    public boolean agedBackorder() {
        return OpeningCases.BACKORDER_AGED.equals(reason);
    }

    public boolean discontinued() {
        return OrderLineShort.DISCONTINUED.equals(reason) || (product != null && product.isDiscontinued());
    }

    /** A delivery on {@code date} still reaches the customer in time. */
    public boolean inTime(LocalDate date) {
        return neededBy == null || !date.isAfter(neededBy);
    }
}
