package dev.zaiko.stockout;

import java.time.Instant;

/**
 * Money goes back to the customer because of a stockout decision; the refund module chooses the
 * route from how the order was paid. Published inside the decision's transaction. A decision asks
 * at most once per cause, and the order line with the cause identifies the request: the refund
 * module pays each (order, line, cause) once, however often it hears of it.
 *
 * @param lineNo      the line the money is for: the cancelled line, the line carrying the cancelled
 *                    units, or the substitute's line
 * @param amount      whole yen (JPY has no minor unit) for the line; 0 when only the shipping fee goes back
 * @param cause       {@value #LINE_CANCELLED}, {@value #MISSING_UNITS_CANCELLED} or {@value #CHEAPER_SUBSTITUTE}
 * @param shippingFee the order's shipping fee when this decision gives it back (once per order:
 *                    {@link dev.zaiko.order.ShippingFeeGoesBack}), else 0. Asked in the same request so
 *                    that both are split over the payment in one go, in the same order every time.
 */
public record RefundRequested(String caseId, String orderNumber, int lineNo, long amount, String currency,
                              String cause, long shippingFee, Instant requestedAt) {

    public static final String LINE_CANCELLED = "LINE_CANCELLED";
    public static final String MISSING_UNITS_CANCELLED = "MISSING_UNITS_CANCELLED";
    public static final String CHEAPER_SUBSTITUTE = "CHEAPER_SUBSTITUTE";
    /** The refund module's cause for the shipping fee, on line 0. */
    public static final String SHIPPING_FEE = "SHIPPING_FEE";
}
