package dev.zaiko.stockout;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What staff need in front of them before the apology call, prepared when the case is opened
 * and kept as it was then (a later restock does not rewrite what the shop knew). Holds no
 * personal data: the customer's name and contact details stay in the order module.
 *
 * @param orderedAt       null only when the order could not be read when the case was opened
 * @param channelKind     {@code OWN} or {@code MARKETPLACE}, null when the channel is unknown
 * @param quantityOrdered the line's quantity; null when the order could not be read
 * @param reason          the shortage reason code as the order module sent it
 * @param nextInbound     the earliest dated inbound into the order channel's pool, null when none exists
 */
public record StockoutFacts(String orderNumber, Instant orderedAt, String channel, String channelKind, Item item,
                            Integer quantityOrdered, int quantityShort, String reason, NextInbound nextInbound,
                            CustomerFlags customer) {

    /** @param name null when the catalog does not know the SKU */
    public record Item(String sku, Name name) {
    }

    public record Name(String ja, String en) {
    }

    public record NextInbound(LocalDate expectedOn, int quantity, String location) {
    }

    /**
     * @param neededBy     the date a gift (or any order) is needed by, if the customer gave one
     * @param promisedDate the delivery date the shop promised for an express order, if one was given
     */
    public record CustomerFlags(boolean express, boolean gift, LocalDate neededBy, boolean b2b,
                                LocalDate promisedDate) {
    }
}
