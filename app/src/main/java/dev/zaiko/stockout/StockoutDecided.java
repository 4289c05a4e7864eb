package dev.zaiko.stockout;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A stockout case was decided and the order changed accordingly; published inside the decision's
 * transaction. The contact module writes the follow-up from it; a refund, when there is one, is
 * requested by a separate {@link RefundRequested}.
 *
 * @param orderNumber  as shown to customers ({@code ddd-ddddddd-ddddddd})
 * @param lineNo       the case's line
 * @param decidedLine  the line carrying the decision (a new line for split or substituted units)
 * @param refundAmount what goes back for the line (the shipping fee, when it goes back too, is
 *                     requested separately)
 * @param absorbedAmount what the shop gives up on a dearer substitute sold at the price paid: a
 *                     cost of the stockout
 * @param shippingFeeRefund the order's shipping fee going back with this decision (0 when it does not)
 */
public record StockoutDecided(String caseId, String orderNumber, int lineNo, int decidedLine, Choice choice,
                              int units, String substituteSku, LocalDate promisedDate, String source,
                              long refundAmount, long absorbedAmount, long shippingFeeRefund, boolean byDefault, String decidedBy,
                              Instant decidedAt) {
}
