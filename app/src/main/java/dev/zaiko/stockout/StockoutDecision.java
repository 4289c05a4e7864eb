package dev.zaiko.stockout;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What was decided for a case and carried out on the order.
 *
 * @param lineNo        the order line that carries the decision (the original, or the line the
 *                      missing units or their substitute were split off to)
 * @param units         units the decision applied to
 * @param refundAmount  whole yen to refund (0 when nothing is refunded)
 * @param byDefault     the shop's default, applied because the customer did not answer in time
 * @param option        the option exactly as it was offered
 */
public record StockoutDecision(String caseId, Choice choice, int lineNo, int units, String substituteSku,
                               LocalDate promisedDate, String source, long refundAmount, boolean byDefault,
                               String decidedBy, String note, Instant decidedAt, StockoutOption option) {
}
