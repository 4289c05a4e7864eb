package dev.zaiko.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.inventory.Reservation;
import dev.zaiko.inventory.ReservationDisplaced;
import dev.zaiko.inventory.ReservationPart;
import dev.zaiko.inventory.ReservationStatus;
import dev.zaiko.inventory.ReservingStock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reserved line whose units were taken (a forced till sale or a count displaced its
 * reservation) becomes AWAITING_CUSTOMER with a history entry, and {@link OrderLineShort}
 * (DISPLACED) is published, once per line.
 * <p>
 * Two paths reach it, because a displacement can happen between an order's reservation and the
 * commit of the order itself: the {@link ReservationDisplaced} event after the till sale
 * commits (finds the line by its holder {@code <orderNumber>#<lineNo>}), and a check of the
 * order's reservations right after the order commits. Both lock the order row and change a line
 * only when it is still ALLOCATED or PICKING, so whichever comes second does nothing.
 */
@Component
class OrderLineShortages {

    private static final Logger log = LoggerFactory.getLogger(OrderLineShortages.class);

    private final OrderStore store;
    private final ReservingStock reserving;
    private final TransactionTemplate newTx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    OrderLineShortages(OrderStore store, ReservingStock reserving, PlatformTransactionManager transactions, Clock clock,
                       ApplicationEventPublisher events) {
        this.store = store;
        this.reserving = reserving;
        this.newTx = new TransactionTemplate(transactions);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.events = events;
    }

    /**
     * After the till sale or count has committed, asynchronously: a failure here does not fail the
     * sale; the registry keeps the event until this completes, and the retry job runs it again. The
     * change has its own transaction (shared with the catch-up path), so none encloses it (NOT_SUPPORTED).
     */
    @ApplicationModuleListener(id = "order.short-displaced-lines", propagation = Propagation.NOT_SUPPORTED)
    void on(ReservationDisplaced event) {
        String holder = event.holder();
        int hash = holder == null ? -1 : holder.lastIndexOf('#');
        if (hash < 0) return; // not an order's reservation
        OrderNumber number;
        int lineNo;
        try {
            number = OrderNumber.parse(holder.substring(0, hash));
            lineNo = Integer.parseInt(holder.substring(hash + 1));
        } catch (RuntimeException e) {
            return; // a holder some other caller chose
        }
        lineShort(number, lineNo, event.reservationId(), event.quantity(),
                "The reserved unit(s) at " + event.location() + " were taken by a till sale or a stock count.");
    }

    /**
     * Lines of a just-recorded order whose reservations were displaced before it was recorded.
     *
     * @param order the order as it was just recorded
     * @return true when a line was found displaced, whether this call or the sale's own listener (which may
     *         run first, once the order is recorded) marked it: the recorded order must be read again
     */
    boolean catchUpDisplaced(Order order) {
        OrderNumber number = order.orderNumber();
        boolean changed = false;
        for (Order.Line line : order.lines()) {
            if (line.status() != OrderStatus.ALLOCATED || line.reservationId() == null) continue;
            Optional<Reservation> reservation = reserving.find(line.reservationId());
            int displaced = reservation.map(r -> r.parts().stream().filter(p -> p.status() == ReservationStatus.DISPLACED)
                    .mapToInt(ReservationPart::quantity).sum()).orElse(0);
            if (displaced > 0) {
                // the sale's own listener may have marked the line first: changed either way
                lineShort(number, line.lineNo(), line.reservationId(), displaced,
                        "The reserved unit(s) were taken by a till sale or a stock count.");
                changed = true;
            }
        }
        return changed;
    }

    /** @return true when the line was changed (false: not recorded yet, or no longer reserved) */
    private boolean lineShort(OrderNumber number, int lineNo, UUID reservationId, int quantity, String why) {
        return Boolean.TRUE.equals(newTx.execute(t -> {
            Optional<Order> found = store.lock(number);
            if (found.isEmpty()) return false; // not recorded (yet): catchUpDisplaced sees it after the commit
            Order order = found.get();
            Order.Line line = order.lines().stream().filter(l -> l.lineNo() == lineNo).findFirst().orElse(null);
            if (line == null || !reservationId.equals(line.reservationId())) return false;
            if (line.status() != OrderStatus.ALLOCATED && line.status() != OrderStatus.PICKING) return false;
            Instant now = clock.instant();
            store.changeLine(number, lineNo, OrderStatus.AWAITING_CUSTOMER, "system", why, now);
            List<OrderStatus> statuses = new ArrayList<>();
            order.lines().forEach(l -> statuses.add(l.lineNo() == lineNo ? OrderStatus.AWAITING_CUSTOMER : l.status()));
            store.changeOrder(number, OrderStatus.ofOrder(statuses), "system", "Line " + lineNo + " is short.", now);
            events.publishEvent(new OrderLineShort(number.toString(), lineNo, line.sku(), quantity,
                    OrderLineShort.DISPLACED, now));
            log.info("Order {} line {} ({}) lost {} reserved unit(s); awaiting the customer", number, lineNo,
                    line.sku(), quantity);
            return true;
        }));
    }
}
