package dev.zaiko.order;

import java.time.Instant;

/**
 * An order line's units are not there: the marketplace order arrived for stock that was gone
 * ({@code ALLOCATION_FAILED}), or a forced till sale or a count took the reserved unit
 * ({@code DISPLACED}). The line is AWAITING_CUSTOMER when this is published.
 * <p>
 * The stockout module (a later slice) turns each event into one stockout case with facts and
 * options. Published inside the transaction that records the line's new status: listen with
 * {@code @TransactionalEventListener} or {@code @ApplicationModuleListener} so that only
 * committed shortages are seen.
 *
 * @param orderNumber the order number as shown to customers ({@code ddd-ddddddd-ddddddd})
 * @param reason      {@value #ALLOCATION_FAILED} or {@value #DISPLACED}
 */
public record OrderLineShort(String orderNumber, int lineNo, String sku, int quantity, String reason,
                             Instant detectedAt) {

    public static final String ALLOCATION_FAILED = "ALLOCATION_FAILED";
    public static final String DISPLACED = "DISPLACED";
}
