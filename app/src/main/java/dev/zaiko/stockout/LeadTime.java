package dev.zaiko.stockout;

import java.time.LocalDate;
import java.util.List;

/**
 * The earliest realistic delivery date for a quantity of a SKU, and how: every source that can
 * deliver it, best (earliest) first, and every source that cannot, with why.
 *
 * @param earliest the first source's date; null when no source can deliver the quantity
 * @param how      the first source ({@code STOCK}, {@code TRANSFER}, {@code INBOUND}, {@code DROP_SHIP}); null when none
 * @param text     the answer in words, in the request's language
 */
public record LeadTime(String sku, int quantity, String customer, String channel, LocalDate earliest, String how,
                       String text, List<Source> sources, List<Unavailable> unavailable) {

    public static final String STOCK = "STOCK";
    public static final String TRANSFER = "TRANSFER";
    public static final String INBOUND = "INBOUND";
    public static final String DROP_SHIP = "DROP_SHIP";

    /**
     * A source that can deliver the whole quantity.
     *
     * @param date              when it reaches the customer
     * @param units             what the source has for a new order (own stock after the backorders
     *                          waiting for it; a store's units; an inbound's units not yet promised);
     *                          null for a supplier
     * @param from              the location a transfer comes from, or the supplier
     * @param inboundId         the inbound, for {@code INBOUND}
     * @param inboundExpectedOn the day that inbound is expected at the shop, for {@code INBOUND}
     */
    public record Source(String source, LocalDate date, Integer units, String from, Long inboundId,
                         LocalDate inboundExpectedOn, String text) {
    }

    /** A source that cannot deliver the quantity: {@code reason} is a stable code, {@code text} says it in words. */
    public record Unavailable(String source, String reason, String text) {
    }
}
