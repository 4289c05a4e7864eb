package dev.zaiko.order;

import java.util.Collection;

/**
 * Where an order line, and the order as a whole, stands. The customer-facing wording of each
 * status is in the message bundles under {@code order.status.*} (Japanese and English).
 */
public enum OrderStatus {
    /** Recorded, nothing decided about stock yet. */
    PLACED,
    /** The units are reserved for this line. */
    ALLOCATED,
    /** Being picked and packed (発送準備中). */
    PICKING,
    SHIPPED,
    /** Waiting for a dated inbound (入荷待ち); the line carries the promised date. */
    BACKORDERED,
    /** The units are not there; the shop must ask the customer what to do (a stockout case). */
    AWAITING_CUSTOMER,
    CANCELLED,
    /** An order status only: some lines shipped, others not yet. */
    PARTIALLY_SHIPPED;

    /**
     * The order's status from its lines' statuses. The rule, in order of precedence:
     * <ol>
     * <li>no lines, or every line cancelled: CANCELLED;</li>
     * <li>cancelled lines are then ignored; every remaining line shipped: SHIPPED;</li>
     * <li>some shipped, some not: PARTIALLY_SHIPPED;</li>
     * <li>any line awaiting the customer: AWAITING_CUSTOMER (someone must act; it outranks the rest);</li>
     * <li>any line backordered: BACKORDERED (the order waits for its latest item);</li>
     * <li>any line being picked: PICKING;</li>
     * <li>every line allocated: ALLOCATED;</li>
     * <li>otherwise PLACED.</li>
     * </ol>
     */
    public static OrderStatus ofOrder(Collection<OrderStatus> lines) {
        var open = lines.stream().filter(s -> s != CANCELLED).toList();
        if (open.isEmpty()) return CANCELLED;
        long shipped = open.stream().filter(s -> s == SHIPPED).count();
        if (shipped == open.size()) return SHIPPED;
        if (shipped > 0) return PARTIALLY_SHIPPED;
        if (open.contains(AWAITING_CUSTOMER)) return AWAITING_CUSTOMER;
        if (open.contains(BACKORDERED)) return BACKORDERED;
        if (open.contains(PICKING)) return PICKING;
        if (open.stream().allMatch(s -> s == ALLOCATED)) return ALLOCATED;
        return PLACED;
    }
}
