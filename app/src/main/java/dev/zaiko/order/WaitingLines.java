package dev.zaiko.order;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.inventory.UnitsBecameSellable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to BACKORDERED lines when the stock they wait for moves: when units become
 * sellable (inspection passed them), the lines of that SKU are reserved for in
 * {@link BackorderQueue} order, each filled line ALLOCATED with history. A line the channel
 * cannot cover whole is skipped, and later, smaller lines may still be filled.
 */
@Component
class WaitingLines {

    private static final Logger log = LoggerFactory.getLogger(WaitingLines.class);
    private static final String ACTOR = "system";

    private final OrderStore store;
    private final ReservingStock reserving;
    private final TransactionTemplate newTx;
    private final Clock clock;
    private final boolean b2bFirst;

    WaitingLines(OrderStore store, ReservingStock reserving, PlatformTransactionManager transactions, Clock clock,
                 @Value("${zaiko.orders.b2b-first:false}") boolean b2bFirst) {
        this.store = store;
        this.reserving = reserving;
        this.newTx = new TransactionTemplate(transactions);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.b2bFirst = b2bFirst;
    }

    /** After the inspection commits; a failure here must not fail it (the next one tries again). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(UnitsBecameSellable event) {
        try {
            fill(event.sku());
        } catch (RuntimeException e) {
            log.error("Could not fill the backorders of {} after {} unit(s) became sellable at {}", event.sku(),
                    event.quantity(), event.location(), e);
        }
    }

    void fill(String sku) {
        Set<String> dry = new HashSet<>();
        for (BackorderQueue.Waiting w : BackorderQueue.inFillingOrder(store.backordered(sku), b2bFirst)) {
            if (dry.contains(w.channel())) continue;
            ReservationOutcome outcome = reserving.reserve(new ReserveRequest(w.channel(), sku, w.quantity(),
                    Order.Line.holder(w.orderNumber(), w.lineNo()), null));
            if (!outcome.reserved()) {
                if (outcome.available() == 0) dry.add(w.channel());
                continue;
            }
            UUID reservation = outcome.reservationId();
            boolean recorded = false;
            try {
                recorded = Boolean.TRUE.equals(newTx.execute(t -> allocate(w, reservation)));
            } finally {
                if (!recorded) release(reservation, w);
            }
        }
    }

    private boolean allocate(BackorderQueue.Waiting w, UUID reservation) {
        if (store.lock(w.orderNumber()).isEmpty()) return false;
        Instant now = clock.instant();
        if (!store.allocateBackordered(w.orderNumber(), w.lineNo(), reservation, ACTOR,
                "Stock arrived: reserved " + w.quantity() + " unit(s) for the backordered line.", now)) {
            return false; // changed meanwhile (cancelled, short, filled by another thread)
        }
        recomputeOrder(w.orderNumber(), "Line " + w.lineNo() + " allocated from arrived stock.", now);
        log.info("Order {} line {} ({}): backorder filled", w.orderNumber(), w.lineNo(), w.sku());
        return true;
    }

    private void recomputeOrder(OrderNumber number, String why, Instant now) {
        Order order = store.find(number).orElseThrow();
        store.changeOrder(number, OrderStatus.ofOrder(order.lines().stream().map(Order.Line::status).toList()), ACTOR,
                why, now);
    }

    private void release(UUID reservation, BackorderQueue.Waiting w) {
        try {
            reserving.release(reservation);
        } catch (RuntimeException e) {
            log.warn("Could not release reservation {} made for order {} line {}: {}", reservation, w.orderNumber(),
                    w.lineNo(), e.getMessage());
        }
    }
}
