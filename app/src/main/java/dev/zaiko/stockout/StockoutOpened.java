package dev.zaiko.stockout;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A stockout case was opened, published in the transaction that opened it: the contact module
 * puts it in the call queue. Carries no personal data; read the order for that.
 *
 * @param contactDeadline when the customer must have been contacted, by the shop's service levels
 */
public record StockoutOpened(String caseId, String orderNumber, int lineNo, String sku, String reason,
                             int priority, Instant contactDeadline, String serviceLevelRule, boolean express,
                             boolean gift, LocalDate neededBy, boolean b2b, Instant detectedAt) {
}
