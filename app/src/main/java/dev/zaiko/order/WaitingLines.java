package dev.zaiko.order;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.zaiko.catalog.ProductChanged;
import dev.zaiko.catalog.ProductStatus;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.CheckingStockLedger;
import dev.zaiko.inventory.ExpectingInbounds;
import dev.zaiko.inventory.Inbound;
import dev.zaiko.inventory.InboundCancelled;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.inventory.StockLevel;
import dev.zaiko.inventory.StockInspected;
import dev.zaiko.inventory.StockNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to BACKORDERED lines when the stock they wait for moves:
 * <ul>
 * <li>units became sellable (inspection passed them, {@link StockInspected}): the lines of that SKU are reserved for in
 * {@link BackorderQueue} order, each filled line ALLOCATED with history. A line the channel
 * cannot cover whole is skipped, and later, smaller lines may still be filled.</li>
 * <li>sellable stock appeared in another way (a reservation released, an upward count, a protection lifted:
 * {@link FillingBackorders}, after the commit): the same fill;</li>
 * <li>then, after any inspection of the SKU, for every inbound of it that arrived (short, or in full with units that
 * failed inspection) and is fully inspected at its location: the lines still waiting on it (promised its date, on
 * a channel whose pool holds its location) can no longer be filled from it and are AWAITING_CUSTOMER with
 * {@code INBOUND_SHORT};</li>
 * <li>the supplier cancelled an inbound: the same for its lines, {@code SUPPLIER_CANCELLED}, in
 * the cancelling transaction;</li>
 * <li>the product was discontinued: every BACKORDERED line of it is AWAITING_CUSTOMER with
 * {@code DISCONTINUED}, in the catalog's transaction, without a date.</li>
 * </ul>
 * A line that becomes short keeps, as its promised date, the next dated inbound into its
 * channel's pool when there is one (the customer may choose to wait for it).
 * A line promised a date that another inbound of the same day still covers is left waiting.
 * <p>
 * Fills and settlements of one SKU never overlap, on any node: each holds the SKU's backorder
 * lock ({@link OrderStore#lockBackorders}) from its first reservation to its last decision, so a
 * settlement never calls a line short while a fill is about to allocate it.
 */
@Component
class WaitingLines {

    private static final Logger log = LoggerFactory.getLogger(WaitingLines.class);
    private static final String ACTOR = "system";

    private final OrderStore store;
    private final ReservingStock reserving;
    private final ExpectingInbounds inbounds;
    private final CheckingStockLedger ledger;
    private final StockNetwork network;
    private final TransactionTemplate newTx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final boolean b2bFirst;
    private final PromisingInbounds promises;

    WaitingLines(OrderStore store, PromisingInbounds promises, ReservingStock reserving, ExpectingInbounds inbounds,
                 CheckingStockLedger ledger,
                 StockNetwork network, PlatformTransactionManager transactions, Clock clock,
                 ApplicationEventPublisher events, @Value("${zaiko.orders.b2b-first:false}") boolean b2bFirst) {
        this.store = store;
        this.reserving = reserving;
        this.inbounds = inbounds;
        this.ledger = ledger;
        this.network = network;
        this.newTx = new TransactionTemplate(transactions);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.events = events;
        this.b2bFirst = b2bFirst;
        this.promises = promises;
    }

    /**
     * After the inspection commits, asynchronously: a failure here does not fail the inspection; the
     * registry keeps the event until this completes, and the retry job runs it again (each step
     * is safe to repeat). Each filled line commits on its own, so no enclosing transaction (NOT_SUPPORTED)
     * holds a connection meanwhile.
     */
    @ApplicationModuleListener(id = "order.fill-backorders-on-inspection", propagation = Propagation.NOT_SUPPORTED)
    void on(StockInspected event) {
        // no catch: a failure stays in the event registry and is retried (docs/events-and-jobs.md)
        exclusively(event.sku(), () -> {
            if (event.passed() > 0) fill(event.sku());
            // also when every unit failed: an arrival whose units all failed leaves its lines waiting for nothing
            newTx.executeWithoutResult(t -> settleArrivals(event.sku()));
        });
    }

    /** In the cancelling transaction: the inbound's cancellation and its lines' shortage go together. */
    @EventListener
    void on(InboundCancelled event) {
        store.lockBackorders(event.sku()); // until the cancelling transaction ends: no fill or promise meanwhile
        settle(event.sku(), event.inboundId(), event.location(), event.expectedOn(), OrderLineShort.SUPPLIER_CANCELLED,
                "The supplier cancelled the inbound expected on " + event.expectedOn() + ".");
    }

    /** In the catalog's transaction: discontinuing and its lines' shortage go together. */
    @EventListener
    void on(ProductChanged event) {
        if (event.status() != ProductStatus.DISCONTINUED) return;
        Instant now = clock.instant();
        for (BackorderQueue.Waiting w : lockOrder(store.backordered(event.sku()))) {
            lineShort(w, OrderLineShort.DISCONTINUED, null,
                    "The manufacturer discontinued the product; the awaited stock will not come.", now);
        }
    }

    /** Fills the SKU's backordered lines, if it has any, holding its backorder lock. */
    void fillExclusively(String sku) {
        if (store.backordered(sku).isEmpty()) return;
        exclusively(sku, () -> fill(sku));
    }

    /**
     * Runs the work holding the SKU's backorder lock (a transaction of its own that holds only the
     * lock; the work's reservations and allocations commit on their own as they go).
     */
    private void exclusively(String sku, Runnable work) {
        newTx.executeWithoutResult(t -> {
            store.lockBackorders(sku);
            work.run();
        });
    }

    void fill(String sku) {
        Set<String> dry = new HashSet<>();
        for (BackorderQueue.Waiting w : BackorderQueue.inFillingOrder(store.backordered(sku), b2bFirst)) {
            if (dry.contains(w.channel())) continue;
            ReservationOutcome outcome = reserving.reserveUntilClaimed(new ReserveRequest(w.channel(), sku,
                    w.quantity(), Order.Line.holder(w.orderNumber(), w.lineNo()), null));
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
        reserving.claim(List.of(reservation));
        log.info("Order {} line {} ({}): backorder filled", w.orderNumber(), w.lineNo(), w.sku());
        return true;
    }

    /**
     * Once every unit at an arrived inbound's location is inspected and the fill has run, a line
     * still waiting on that inbound cannot be filled from it: it arrived short, or in full with
     * units that failed inspection (or that other lines, earlier in the queue, took).
     */
    private void settleArrivals(String sku) {
        List<StockLevel> levels = ledger.levels(sku);
        for (Inbound inbound : inbounds.list(sku)) {
            if (!"ARRIVED".equals(inbound.status())) continue;
            boolean stillInspecting = levels.stream().anyMatch(l -> l.location().equals(inbound.location())
                    && l.inspecting() > 0);
            if (stillInspecting) continue;
            String what = inbound.arrivedShort()
                    ? "arrived short: " + inbound.arrivedQuantity() + " of " + inbound.quantity() + " unit(s)"
                    : "arrived with " + inbound.arrivedQuantity() + " unit(s), but after inspection too few were "
                            + "sellable to fill every line waiting for it";
            settle(sku, inbound.id(), inbound.location(), inbound.expectedOn(), OrderLineShort.INBOUND_SHORT,
                    "The inbound expected on " + inbound.expectedOn() + " " + what + "; this line could not be filled.");
        }
    }

    /**
     * Lines still waiting on an inbound that will not (fully) come: the lines promised it (and lines
     * backordered with only its date, on a channel whose pool holds its location). A line that another
     * inbound of the same date has room for is promised that one and keeps waiting; the others are
     * short, with the date of the earliest inbound that has room for them, if any.
     */
    private void settle(String sku, long inboundId, String location, LocalDate expectedOn, String reason, String why) {
        Instant now = clock.instant();
        for (BackorderQueue.Waiting w : lockOrder(store.backordered(sku))) {
            Channel channel = network.requireChannel(w.channel());
            boolean waitsOnIt = w.promisedInboundId() != null ? w.promisedInboundId() == inboundId
                    : expectedOn.equals(w.promisedDate()) && channel.locations().contains(location);
            if (!waitsOnIt) continue;
            List<PromisingInbounds.Capacity> upcoming = promises.upcoming(sku, channel.locations()).stream()
                    .filter(c -> c.inbound().id() != inboundId).toList();
            Optional<Inbound> sameDay = PromisingInbounds.firstWithRoom(upcoming.stream()
                    .filter(c -> c.inbound().expectedOn().equals(expectedOn)).toList(), w.quantity(),
                    PromisingInbounds.tally());
            if (sameDay.isPresent()) {
                if (store.lock(w.orderNumber()).isEmpty()) continue;
                store.repromise(w.orderNumber(), w.lineNo(), sameDay.get().id(), expectedOn, ACTOR, why
                        + " Another inbound expected the same day has room for this line; it waits for that one.", now);
                continue;
            }
            LocalDate later = PromisingInbounds.firstWithRoom(upcoming, w.quantity(), PromisingInbounds.tally())
                    .map(Inbound::expectedOn).orElse(null);
            lineShort(w, reason, later, why + (later == null ? " No other inbound expected has room for it."
                    : " The next inbound with room for it is expected on " + later + "."), now);
        }
    }

    private void lineShort(BackorderQueue.Waiting w, String reason, LocalDate promised, String why, Instant now) {
        if (store.lock(w.orderNumber()).isEmpty()) return;
        if (!store.shortBackordered(w.orderNumber(), w.lineNo(), promised, ACTOR, why, now)) return;
        recomputeOrder(w.orderNumber(), "Line " + w.lineNo() + " is short.", now);
        events.publishEvent(new OrderLineShort(w.orderNumber().toString(), w.lineNo(), w.sku(), w.quantity(), reason,
                now));
        log.info("Order {} line {} ({}) short ({}); awaiting the customer", w.orderNumber(), w.lineNo(), w.sku(),
                reason);
    }

    private void recomputeOrder(OrderNumber number, String why, Instant now) {
        Order order = store.find(number).orElseThrow();
        store.changeOrder(number, OrderStatus.ofOrder(order.lines().stream().map(Order.Line::status).toList()), ACTOR,
                why, now);
    }

    /** Orders locked in one fixed order, so two settlements never wait on each other in a circle. */
    private static List<BackorderQueue.Waiting> lockOrder(List<BackorderQueue.Waiting> lines) {
        List<BackorderQueue.Waiting> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing((BackorderQueue.Waiting w) -> w.orderNumber().digits())
                .thenComparingInt(BackorderQueue.Waiting::lineNo));
        return sorted;
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
