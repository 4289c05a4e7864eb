package dev.zaiko.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The channel cancelled an order Zaiko recorded (a buyer cancelled it on the marketplace before it
 * shipped, the marketplace cancelled it): every line not yet shipped is cancelled and its units are
 * released after the commit, so every channel can sell them again. A line being picked is cancelled
 * too, and its history says the parcel must be stopped. Shipped lines stay as they are. Doing it
 * again changes nothing. {@link OrderCancelledOnChannel} is published when a line was cancelled.
 */
@Service
public class CancellingOnTheChannel {

    private static final Logger log = LoggerFactory.getLogger(CancellingOnTheChannel.class);

    private final OrderStore store;
    private final ReservingStock reserving;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CancellingOnTheChannel(OrderStore store, ReservingStock reserving, PlatformTransactionManager transactions,
                           Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.reserving = reserving;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.events = events;
    }

    /**
     * @param channel     the channel the order was placed on
     * @param externalRef the channel's own order id
     * @return the order after the change, empty when Zaiko has no order with that id on the channel
     */
    public Optional<Order> cancel(String channel, String externalRef, String actor, String why) {
        return tx.execute(t -> {
            Optional<OrderNumber> number = store.findByExternalRef(channel, externalRef);
            if (number.isEmpty()) return Optional.<Order>empty();
            Order order = store.lock(number.get()).orElseThrow();
            Instant now = clock.instant();
            List<Integer> cancelled = new ArrayList<>();
            for (Order.Line line : order.lines()) {
                if (line.status() == OrderStatus.SHIPPED || line.status() == OrderStatus.CANCELLED) continue;
                String reason = line.status() == OrderStatus.PICKING
                        ? why + " The line was being picked: stop the parcel." : why;
                store.changeLine(order.orderNumber(), line.lineNo(), OrderStatus.CANCELLED, actor, reason, now);
                UUID reservation = line.reservationId();
                if (reservation != null) AfterCommit.run(() -> release(reservation));
                cancelled.add(line.lineNo());
            }
            if (cancelled.isEmpty()) return Optional.of(order);
            Order after = store.find(order.orderNumber()).orElseThrow();
            store.changeOrder(order.orderNumber(), OrderStatus.ofOrder(after.lines().stream().map(Order.Line::status).toList()),
                    actor, why, now);
            events.publishEvent(new OrderCancelledOnChannel(order.orderNumber().toString(), channel, externalRef,
                    List.copyOf(cancelled), now));
            log.info("Order {} cancelled on channel {}: lines {}", order.orderNumber(), channel, cancelled);
            return store.find(order.orderNumber());
        });
    }

    private void release(UUID reservation) {
        try {
            reserving.release(reservation);
        } catch (RuntimeException e) {
            log.warn("Could not release reservation {}: {}", reservation, e.getMessage());
        }
    }
}
