package dev.zaiko.stockout;

import java.time.Instant;

/**
 * A stock-out case was closed without a decision because its order line is gone (see {@link
 * StockoutLifecycle}): nobody is to call or write to the customer about it any more, and no refund is
 * asked (the channel that cancelled the order refunds it). Published in the closing transaction; the
 * contact desk ends the case's call tasks and decision links from it.
 *
 * @param reason      {@value StockoutCase.Withdrawal#CANCELLED_ON_CHANNEL}
 * @param channel     the channel that cancelled the order
 * @param externalRef the channel's own order id
 */
public record StockoutWithdrawn(String caseId, String orderNumber, int lineNo, String reason, String channel,
                                String externalRef, Instant at) {
}
