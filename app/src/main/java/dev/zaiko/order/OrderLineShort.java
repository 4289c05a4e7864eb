package dev.zaiko.order;

import java.time.Instant;

/**
 * An order line's units are not there: the marketplace order arrived for stock that was gone
 * ({@code ALLOCATION_FAILED}), a forced till sale or a count took the reserved unit
 * ({@code DISPLACED}), or one of the other triggers below. The line is AWAITING_CUSTOMER when this
 * is published; a line that can still wait for a later dated inbound carries that date as its
 * promised date.
 * <p>
 * The stockout module turns each event into one stockout case with facts (and, later, the
 * customer's options). Published inside the transaction that records the line's new status. The stockout
 * module listens with a plain {@code @EventListener}, so the case is written in that same
 * transaction: a shortage is never recorded without its case, nor a case without its shortage.
 * A listener that must only see committed shortages (an email, a push) uses
 * {@code @TransactionalEventListener} instead.
 *
 * @param orderNumber the order number as shown to customers ({@code ddd-ddddddd-ddddddd})
 * @param reason      {@value #ALLOCATION_FAILED}, {@value #DISPLACED}, {@value #INSPECTION_DEFECT} (a unit
 *                    was defective at packing and no replacement was found), {@value #INBOUND_SHORT} (the
 *                    inbound the line waited for arrived short), {@value #SUPPLIER_CANCELLED} (the supplier
 *                    cancelled it) or {@value #DISCONTINUED} (the product was discontinued)
 */
public record OrderLineShort(String orderNumber, int lineNo, String sku, int quantity, String reason,
                             Instant detectedAt) {

    public static final String ALLOCATION_FAILED = "ALLOCATION_FAILED";
    public static final String DISPLACED = "DISPLACED";
    public static final String INSPECTION_DEFECT = "INSPECTION_DEFECT";
    public static final String INBOUND_SHORT = "INBOUND_SHORT";
    public static final String SUPPLIER_CANCELLED = "SUPPLIER_CANCELLED";
    public static final String DISCONTINUED = "DISCONTINUED";
}
