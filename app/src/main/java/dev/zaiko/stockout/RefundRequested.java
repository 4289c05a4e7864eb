package dev.zaiko.stockout;

import java.time.Instant;

/**
 * Money goes back to the customer because of a stockout decision; the refund module chooses the
 * route from how the order was paid. Published inside the decision's transaction, once per
 * decision (a case has one decision), so {@code caseId} identifies the request.
 *
 * @param amount whole yen (JPY has no minor unit)
 * @param cause  {@value #LINE_CANCELLED}, {@value #MISSING_UNITS_CANCELLED} or {@value #CHEAPER_SUBSTITUTE}
 */
public record RefundRequested(String caseId, String orderNumber, int lineNo, long amount, String currency,
                              String cause, Instant requestedAt) {

    public static final String LINE_CANCELLED = "LINE_CANCELLED";
    public static final String MISSING_UNITS_CANCELLED = "MISSING_UNITS_CANCELLED";
    public static final String CHEAPER_SUBSTITUTE = "CHEAPER_SUBSTITUTE";
}
