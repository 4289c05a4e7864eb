package dev.zaiko.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which backordered lines get units that became sellable: first come, first served
 * by the time the order was placed (then order number and line, so the order is total), with
 * contract (B2B) customers ahead of everyone when the shop says so
 * ({@code zaiko.orders.b2b-first=true}).
 */
final class BackorderQueue {

    private BackorderQueue() {
    }

    /** A backordered line with what deciding its turn needs. */
    record Waiting(OrderNumber orderNumber, int lineNo, String sku, int quantity, String channel, boolean b2b,
                   Instant placedAt, LocalDate promisedDate, Long promisedInboundId) {

        Waiting(OrderNumber orderNumber, int lineNo, String sku, int quantity, String channel, boolean b2b,
                Instant placedAt, LocalDate promisedDate) {
            this(orderNumber, lineNo, sku, quantity, channel, b2b, placedAt, promisedDate, null);
        }
    }

    private static final Comparator<Waiting> FIRST_COME = Comparator.comparing(Waiting::placedAt)
            .thenComparing(w -> w.orderNumber().digits()).thenComparingInt(Waiting::lineNo);

    static List<Waiting> inFillingOrder(Collection<Waiting> lines, boolean b2bFirst) {
        Comparator<Waiting> order = b2bFirst
                ? Comparator.comparing((Waiting w) -> !w.b2b()).thenComparing(FIRST_COME)
                : FIRST_COME;
        return lines.stream().sorted(order).toList();
    }
}
