package dev.zaiko.order;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the lines BACKORDERED for longer than {@code zaiko.orders.backorder-aged-after} and
 * publishes {@link BackorderAged} once for each: the line remembers that it was announced, in the
 * same transaction as the event (and so as the stockout case its listener opens). Runs as the
 * durable job {@value #TASK}; a second run, also one racing this one, announces nothing again.
 * The line stays BACKORDERED and keeps its place in the queue.
 */
@Component
class AnnouncingAgedBackorders {

    static final String TASK = "order-backorders-aged";

    private static final Logger log = LoggerFactory.getLogger(AnnouncingAgedBackorders.class);

    private final AgedBackorderStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final BackorderAgingProperties properties;

    AnnouncingAgedBackorders(AgedBackorderStore store, PlatformTransactionManager transactions, Clock clock,
                             ApplicationEventPublisher events, BackorderAgingProperties properties) {
        this.store = store;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.events = events;
        this.properties = properties;
    }

    /** @return the lines this run announced */
    int announce() {
        Instant now = clock.instant();
        int announced = 0;
        RuntimeException failed = null;
        for (AgedBackorderStore.Aged line : store.waitingSince(now.minus(properties.backorderAgedAfter()))) {
            try {
                if (Boolean.TRUE.equals(tx.execute(t -> announce(line, now)))) announced++;
            } catch (RuntimeException e) {
                // the others still get their case; this line is tried again on the next run
                log.error("Could not announce the aged backorder of order {} line {} ({})", line.orderNumber(),
                        line.lineNo(), line.sku(), e);
                failed = e;
            }
        }
        if (failed != null) throw failed;
        return announced;
    }

    private boolean announce(AgedBackorderStore.Aged line, Instant now) {
        if (!store.markAnnounced(line.orderNumber(), line.lineNo(), now)) return false; // done meanwhile
        events.publishEvent(new BackorderAged(line.orderNumber().toString(), line.lineNo(), line.sku(),
                line.quantity(), line.backorderedSince(), line.promisedDate(), now));
        log.info("Order {} line {} ({}) backordered since {}: waited too long, the customer is to be asked",
                line.orderNumber(), line.lineNo(), line.sku(), line.backorderedSince());
        return true;
    }
}
