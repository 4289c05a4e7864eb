package dev.zaiko.refund;

import java.time.Instant;
import java.util.List;

/**
 * Marketplace refunds of a cancelled order line wait for the platform to cancel the line: published
 * in the refund request's transaction, once per request that created such refunds (a request
 * heard again creates nothing and publishes nothing). The answer goes to
 * {@link SettlingMarketplaceRefunds} with the same refund ids.
 *
 * @param channel     the order's channel (one the {@link MarketplaceCancellations} port connects)
 * @param externalRef the platform's order id as the order was placed with it (null when it came without)
 * @param lineNo      the cancelled line (the shipping fee, line 0, waits for the same cancellation)
 * @param sku         the line's SKU
 * @param quantity    the line's units cancelled
 * @param cause       {@link dev.zaiko.stockout.RefundRequested#LINE_CANCELLED} or
 *                    {@link dev.zaiko.stockout.RefundRequested#MISSING_UNITS_CANCELLED}
 * @param refundIds   the refunds waiting for the platform's answer
 * @param externalLineRef the platform's own id of the line as the order was placed with it
 *                    ({@link dev.zaiko.order.Order.Line#externalLineRef}); null when it came without
 * @param unitsKept   the units of the same platform line the order still keeps on its other lines
 *                    (the parts of a split line that still ship): a platform that cancels whole
 *                    lines must not cancel this one; 0 when nothing of it is kept, or without a ref
 */
public record MarketplaceCancellationAsked(String orderNumber, String channel, String externalRef, int lineNo,
                                           String sku, int quantity, String cause, List<String> refundIds,
                                           Instant at, String externalLineRef, int unitsKept) {

    public MarketplaceCancellationAsked {
        refundIds = List.copyOf(refundIds);
        if (unitsKept < 0) throw new IllegalArgumentException("unitsKept must not be negative");
    }

    /** A cancellation without the platform's line id. */
    public MarketplaceCancellationAsked(String orderNumber, String channel, String externalRef, int lineNo,
                                        String sku, int quantity, String cause, List<String> refundIds, Instant at) {
        this(orderNumber, channel, externalRef, lineNo, sku, quantity, cause, refundIds, at, null, 0);
    }
}
