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
 */
public record MarketplaceCancellationAsked(String orderNumber, String channel, String externalRef, int lineNo,
                                           String sku, int quantity, String cause, List<String> refundIds,
                                           Instant at) {

    public MarketplaceCancellationAsked {
        refundIds = List.copyOf(refundIds);
    }
}
