package dev.zaiko.order;

import java.time.Instant;
import java.util.List;

/**
 * An order was placed (API, console, file import or a connector), published in the placing
 * transaction once its lines are stored. For analytics (the insight module): demand per SKU, revenue,
 * and whether a customer ordered again.
 *
 * @param customerKey a pseudonym of the customer: the same for every order with the same email address
 *                    (case-insensitive), not reversible to the address; never the address itself
 * @param segment     the member segment the order was placed with, or null
 * @param lines       every line as placed (backordered lines too)
 * @param total       what the order came to: lines plus shipping fee, before any coupon or points (yen)
 */
public record OrderPlaced(String orderNumber, String channel, String customerKey, String segment, boolean b2b,
                          List<PlacedLine> lines, long shippingFee, long total, Instant placedAt) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }

    /** @param backordered whether the line was placed as a backorder (no units were there to reserve) */
    public record PlacedLine(int lineNo, String sku, int quantity, long unitPrice, boolean backordered) {
    }
}
