package dev.zaiko.stockout;

import java.time.Instant;

/**
 * Money goes back to the customer because of a stockout decision; the refund module chooses the
 * route from how the order was paid. Published inside the decision's transaction. A decision asks
 * at most once per cause, and the order line with the cause identifies the request: the refund
 * module pays each (order, line, cause) once, however often it hears of it.
 *
 * @param lineNo the line the money is for: the cancelled line, the line carrying the cancelled
 *               units, or the substitute's line; 0 for the order's shipping fee
 * @param amount whole yen (JPY has no minor unit)
 * @param cause  {@value #LINE_CANCELLED}, {@value #MISSING_UNITS_CANCELLED}, {@value #CHEAPER_SUBSTITUTE}
 *               or {@value #SHIPPING_FEE}
 */
public record RefundRequested(String caseId, String orderNumber, int lineNo, long amount, String currency,
                              String cause, Instant requestedAt) {

    public static final String LINE_CANCELLED = "LINE_CANCELLED";
    public static final String MISSING_UNITS_CANCELLED = "MISSING_UNITS_CANCELLED";
    public static final String CHEAPER_SUBSTITUTE = "CHEAPER_SUBSTITUTE";
    /** The order's shipping fee ({@link dev.zaiko.order.ShippingFeeGoesBack}); line 0. */
    public static final String SHIPPING_FEE = "SHIPPING_FEE";
}
