package dev.zaiko.order;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A line has been BACKORDERED for longer than the shop lets a customer wait without asking
 * ({@code zaiko.orders.backorder-aged-after}, 30 days by default). Published once per line, inside
 * the transaction that records on the line that it was announced. The line stays BACKORDERED and
 * keeps its place in the queue: the stockout module opens a case (reason {@code BACKORDER_AGED}) in
 * which the customer can cancel or keep waiting.
 *
 * @param orderNumber      the order number as shown to customers ({@code ddd-ddddddd-ddddddd})
 * @param quantity         the units the line still waits for
 * @param backorderedSince when the line became BACKORDERED
 * @param promisedDate     the date the customer was promised, or null
 * @param detectedAt       when the wait was found too long
 */
public record BackorderAged(String orderNumber, int lineNo, String sku, int quantity, Instant backorderedSince,
                            LocalDate promisedDate, Instant detectedAt) {
}
