package dev.zaiko.order;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReservationPart;
import dev.zaiko.inventory.ReservationStatus;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out what the customer (or the shop's default) decided for a line whose units are
 * missing: a line that is AWAITING_CUSTOMER, or BACKORDERED for an aged backorder.
 * <p>
 * The line's own state is the truth, not the number the stockout case was opened with: the units
 * still reserved on the line stay on it and ship as ordered; the units that are not there
 * ({@code quantity - reserved}) get the decision. When some units are still reserved, the short
 * units are split off to a new line (its {@code fromLine} names the original), so the order shows
 * exactly which units were cancelled, wait, come from elsewhere or were substituted.
 * <p>
 * Each change runs in one transaction with the order row locked (joining the caller's
 * transaction when there is one, so a stockout decision and its effect on the order commit
 * together). Units reserved for the change (a substitute, a transfer) are reserved first and
 * released again if the change fails; units given up by a cancelled line are released after
 * the commit.
 */
@Service
public class ChangingOrderLines {

    private static final Logger log = LoggerFactory.getLogger(ChangingOrderLines.class);

    private final OrderStore store;
    private final ReservingStock reserving;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final PromisingInbounds promises;
    private final dev.zaiko.inventory.StockNetwork network;

    ChangingOrderLines(OrderStore store, ReservingStock reserving, PlatformTransactionManager transactions,
                       Clock clock, PromisingInbounds promises, dev.zaiko.inventory.StockNetwork network) {
        this.promises = promises;
        this.network = network;
        this.store = store;
        this.reserving = reserving;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * What a change did.
     *
     * @param lineNo         the line that carries the decision: the original line, or the new line the
     *                       short units (or their substitute) were split off to
     * @param unitsAffected  how many units the decision applied to
     * @param cancelledUnits units cancelled (to be refunded at the line's unit price)
     * @param cancelledAmount whole yen: {@code cancelledUnits x unit price}
     */
    /**
     * @param shippingFeeRefunded the order's shipping fee when this change is what gives it back
     *                            ({@link ShippingFeeGoesBack}); 0 otherwise, also when it went back before
     */
    public record Change(Order order, int lineNo, int unitsAffected, int cancelledUnits, long cancelledAmount,
                         long shippingFeeRefunded) {
    }

    /** The line's units as they stand: what is still reserved for it and what is short. */
    public record LineUnits(int quantity, int reserved, int shortUnits, long unitPrice, OrderStatus status) {
    }

    /** @throws NotFoundException no such order or line */
    public LineUnits units(OrderNumber number, int lineNo) {
        return units(store.find(number).orElseThrow(() -> noOrder(number)), lineNo);
    }

    /** The same, for an order the caller has just read. @throws NotFoundException no such line */
    public LineUnits units(Order order, int lineNo) {
        Order.Line line = line(order, lineNo);
        int reserved = reservedUnits(line);
        return new LineUnits(line.quantity(), reserved, line.quantity() - reserved, line.unitPrice(), line.status());
    }

    /** CANCEL: the whole line is cancelled, also its units still reserved. */
    public Change cancel(OrderNumber number, int lineNo, String actor, String why) {
        return tx.execute(t -> {
            Decided d = decidable(number, lineNo);
            Instant now = clock.instant();
            if (d.line.reservationId() != null && d.reserved > 0) {
                UUID reservation = d.line.reservationId();
                AfterCommit.run(() -> releaseQuietly(reservation));
            }
            store.changeLine(number, lineNo, OrderStatus.CANCELLED, actor, why, now);
            long fee = refreshOrder(number, actor, "Line " + lineNo + " cancelled.", now);
            long amount = d.line.quantity() * d.line.unitPrice();
            return new Change(store.find(number).orElseThrow(), lineNo, d.line.quantity(), d.line.quantity(), amount,
                    fee);
        });
    }

    /** PARTIAL: the units still reserved ship as ordered; the short units are cancelled. */
    public Change shipWhatIsThere(OrderNumber number, int lineNo, String actor, String why) {
        return tx.execute(t -> {
            Decided d = decidable(number, lineNo);
            Instant now = clock.instant();
            int shortUnits = d.line.quantity() - d.reserved;
            int carrier = moveMissing(number, d, OrderStatus.CANCELLED, null, null, null, actor, why, now);
            long fee = refreshOrder(number, actor, "The rest of the order ships without the missing unit(s).", now);
            return new Change(store.find(number).orElseThrow(), carrier, shortUnits, shortUnits,
                    shortUnits * d.line.unitPrice(), fee);
        });
    }

    /** WAIT: the short units wait for the dated inbound; the queue fills them first come, first served. */
    public Change waitFor(OrderNumber number, int lineNo, LocalDate promisedDate, String actor, String why) {
        return tx.execute(t -> {
            // the SKU's backorder lock before the order's row, as fills take them: never the other way round
            store.find(number).flatMap(o -> o.lines().stream().filter(l -> l.lineNo() == lineNo).findFirst())
                    .filter(l -> l.status() == OrderStatus.AWAITING_CUSTOMER)
                    .ifPresent(l -> store.lockBackorders(l.sku()));
            Decided d = decidable(number, lineNo);
            Instant now = clock.instant();
            int shortUnits = d.line.quantity() - d.reserved;
            boolean aged = d.line.status() == OrderStatus.BACKORDERED; // keeps the inbound it was promised
            int carrier = moveMissing(number, d, OrderStatus.BACKORDERED, null, promisedDate, null, actor, why, now);
            if (!aged && promisedDate != null) promiseTheInboundOf(number, d, carrier, shortUnits, promisedDate);
            long fee = refreshOrder(number, actor, "Line " + carrier + " waits for the inbound expected on "
                    + promisedDate + ".", now);
            return new Change(store.find(number).orElseThrow(), carrier, shortUnits, 0, 0, fee);
        });
    }

    /**
     * The units that wait are promised an inbound of the chosen date into the channel's pool that has
     * room for them, so they count against its units like any backorder. When none of that day has room
     * any more (promised to others since the options were computed), the line waits with the date only.
     */
    private void promiseTheInboundOf(OrderNumber number, Decided d, int carrier, int units, LocalDate date) {
        List<String> pool = network.findChannel(d.order.channel()).map(c -> c.locations()).orElse(List.of());
        if (pool.isEmpty()) return;
        promises.upcoming(d.line.sku(), pool).stream()
                .filter(c -> c.inbound().expectedOn().equals(date) && c.free() >= units).findFirst()
                .ifPresent(c -> store.promise(number, carrier, c.inbound().id()));
    }

    /**
     * SUBSTITUTE: the short units are replaced by {@code quantity} units of another product,
     * reserved now on the order's channel and sold at {@code unitPrice} (the shop's price rule).
     *
     * @throws ConflictException {@code substitute-unavailable} when the substitute cannot be reserved
     */
    public Change substitute(OrderNumber number, int lineNo, String substituteSku, int quantity, long unitPrice,
                             String actor, String why) {
        Order order = store.find(number).orElseThrow(() -> noOrder(number));
        int newLineNo = nextLineNo(order);
        ReservationOutcome outcome = reserving.reserveUntilClaimed(new ReserveRequest(order.channel(), substituteSku,
                quantity, Order.Line.holder(number, newLineNo), null));
        if (!outcome.reserved()) {
            throw new ConflictException("substitute-unavailable", "The substitute " + substituteSku + " cannot be "
                    + "reserved: only " + outcome.available() + " available on channel " + order.channel() + " for "
                    + quantity + " needed. Choose another option.", Map.of("sku", substituteSku,
                    "available", outcome.available(), "needed", quantity));
        }
        return withReservation(outcome.reservationId(), () -> tx.execute(t -> {
            Decided d = decidable(number, lineNo);
            Instant now = clock.instant();
            int shortUnits = d.line.quantity() - d.reserved;
            int line = nextLineNo(d.order);
            if (line != newLineNo) throw new IllegalStateException("Order " + number + " changed meanwhile");
            if (d.reserved > 0) {
                store.reduceQuantity(number, lineNo, d.reserved);
                store.changeLine(number, lineNo, OrderStatus.ALLOCATED, actor, "Keeps its " + d.reserved
                        + " reserved unit(s); " + shortUnits + " missing unit(s) replaced by " + substituteSku
                        + " on line " + line + ".", now);
            } else {
                store.changeLine(number, lineNo, OrderStatus.CANCELLED, actor, "Replaced by " + substituteSku
                        + " on line " + line + ". " + why, now);
            }
            store.addLine(number, new Order.Line(line, substituteSku, quantity, unitPrice, OrderStatus.ALLOCATED,
                    outcome.reservationId(), null, lineNo, null), actor, "Substitute for line " + lineNo + ": " + why,
                    now);
            long fee = refreshOrder(number, actor, "Line " + lineNo + " substituted by " + substituteSku + ".", now);
            // the missing units are replaced, not cancelled; a price difference is the caller's rule
            return new Change(store.find(number).orElseThrow(), line, shortUnits, 0, 0, fee);
        }));
    }

    /**
     * DROP_SHIP or TRANSFER: the short units reach the customer from outside the channel's pool.
     * A transfer reserves them at {@code fulfilment.source()} (a location) now; a drop shipment is
     * the supplier's, so nothing is reserved and the line is being prepared (PICKING) until the
     * supplier ships.
     *
     * @throws ConflictException {@code transfer-unavailable} when the units at the location are gone
     */
    public Change fulfilFromElsewhere(OrderNumber number, int lineNo, Order.Fulfilment fulfilment,
                                      LocalDate promisedDate, String actor, String why) {
        boolean transfer = Order.Fulfilment.TRANSFER.equals(fulfilment.route());
        if (!transfer && !Order.Fulfilment.DROP_SHIP.equals(fulfilment.route())) {
            throw new IllegalArgumentException("Unknown route " + fulfilment.route());
        }
        Order order = store.find(number).orElseThrow(() -> noOrder(number));
        Order.Line original = line(order, lineNo);
        int reservedNow = reservedUnits(original);
        int shortUnits = original.quantity() - reservedNow;
        int carrierNo = reservedNow > 0 ? nextLineNo(order) : lineNo;
        UUID reservation = null;
        if (transfer) {
            ReservationOutcome outcome = reserving.reserveUntilClaimed(new ReserveRequest(order.channel(),
                    original.sku(), shortUnits, Order.Line.holder(number, carrierNo), null, fulfilment.source()));
            if (!outcome.reserved()) {
                throw new ConflictException("transfer-unavailable", "Only " + outcome.available() + " unit(s) of "
                        + original.sku() + " can be taken at " + fulfilment.source() + " for " + shortUnits
                        + " needed. Choose another option.", Map.of("sku", original.sku(), "location",
                        fulfilment.source(), "available", outcome.available(), "needed", shortUnits));
            }
            reservation = outcome.reservationId();
        }
        UUID reserved = reservation;
        OrderStatus to = transfer ? OrderStatus.ALLOCATED : OrderStatus.PICKING;
        return withReservation(reserved, () -> tx.execute(t -> {
            Decided d = decidable(number, lineNo);
            if (d.reserved != reservedNow) throw new IllegalStateException("Order " + number + " changed meanwhile");
            Instant now = clock.instant();
            int carrier = moveMissing(number, d, to, reserved, promisedDate, fulfilment, actor, why, now);
            long fee = refreshOrder(number, actor, "Line " + carrier + " comes by " + fulfilment.route() + " from "
                    + fulfilment.source() + ".", now);
            return new Change(store.find(number).orElseThrow(), carrier, shortUnits, 0, 0, fee);
        }));
    }

    // ---- the shared steps ----------------------------------------------------------------------

    private record Decided(Order order, Order.Line line, int reserved) {
    }

    private Decided decidable(OrderNumber number, int lineNo) {
        Order order = store.lock(number).orElseThrow(() -> noOrder(number));
        Order.Line line = line(order, lineNo);
        if (line.status() != OrderStatus.AWAITING_CUSTOMER && line.status() != OrderStatus.BACKORDERED) {
            throw new ConflictException("line-not-awaiting-decision", "Line " + lineNo + " of order " + number + " is "
                    + line.status() + "; only a line awaiting the customer (or an aged backorder) can be decided.",
                    Map.of("lineNo", lineNo, "lineStatus", line.status().name()));
        }
        return new Decided(order, line, reservedUnits(line));
    }

    /**
     * The missing units get {@code status} (and what they wait for or come from): split off to a new
     * line when some units are still reserved, else on the line itself.
     *
     * @return the line that carries them
     */
    private int moveMissing(OrderNumber number, Decided d, OrderStatus status, UUID reservationId,
                            LocalDate promisedDate, Order.Fulfilment fulfilment, String actor, String why, Instant now) {
        int lineNo = d.line.lineNo();
        if (d.reserved > 0) {
            return split(number, d, d.line.quantity() - d.reserved, status, reservationId, promisedDate, fulfilment,
                    actor, why, now);
        }
        store.plan(number, lineNo, reservationId, promisedDate, fulfilment);
        if (!store.changeLine(number, lineNo, status, actor, why, now)) {
            // an aged backorder that keeps waiting: same status, the decision still belongs in its history
            store.history(number, new Order.StatusChange(lineNo, d.line.status(), status, actor, why, now));
        }
        return lineNo;
    }

    /** The short units move to a new line; the original keeps its reserved units and is ALLOCATED again. */
    private int split(OrderNumber number, Decided d, int shortUnits, OrderStatus status, UUID reservationId,
                      LocalDate promisedDate, Order.Fulfilment fulfilment, String actor, String why, Instant now) {
        int newLine = nextLineNo(d.order);
        store.reduceQuantity(number, d.line.lineNo(), d.reserved);
        store.changeLine(number, d.line.lineNo(), OrderStatus.ALLOCATED, actor, "Keeps its " + d.reserved
                + " reserved unit(s); the " + shortUnits + " missing unit(s) moved to line " + newLine + ".", now);
        // the same marketplace line: both parts keep its id, so a cancellation of the missing units names it
        store.addLine(number, new Order.Line(newLine, d.line.sku(), shortUnits, d.line.unitPrice(), status,
                reservationId, promisedDate, d.line.lineNo(), fulfilment, d.line.externalLineRef()), actor,
                "Missing unit(s) of line "
                + d.line.lineNo() + ": " + why, now);
        return newLine;
    }

    /** @return the shipping fee when this change gives it back, else 0 */
    private long refreshOrder(OrderNumber number, String actor, String why, Instant now) {
        Order after = store.find(number).orElseThrow();
        store.changeOrder(number, OrderStatus.ofOrder(after.lines().stream().map(Order.Line::status).toList()), actor,
                why, now);
        if (after.shippingFeeRefunded() || after.shippingFee() == 0) return 0;
        Optional<String> feeBack = ShippingFeeGoesBack.because(after);
        if (feeBack.isEmpty()) return 0;
        store.giveBackShippingFee(number, actor, feeBack.get(), now);
        return after.shippingFee();
    }

    private int reservedUnits(Order.Line line) {
        if (line.reservationId() == null) return 0;
        return reserving.find(line.reservationId()).map(r -> r.parts().stream()
                .filter(p -> p.status() == ReservationStatus.OPEN).mapToInt(ReservationPart::quantity).sum()).orElse(0);
    }

    /**
     * Runs a change that uses units reserved just before it (held until claimed): the change's
     * transaction claims them; they are released again if the change fails or if the transaction it
     * joined (a stockout decision's) rolls back later, and by the inventory's sweep after a crash.
     */
    private Change withReservation(UUID reservation, Supplier<Change> change) {
        if (reservation == null) return change.get();
        AtomicBoolean guarded = new AtomicBoolean();
        try {
            return tx.execute(t -> {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status != STATUS_COMMITTED) releaseQuietly(reservation);
                    }
                });
                guarded.set(true);
                Change done = change.get();
                reserving.claim(List.of(reservation)); // the line is its owner from this commit on
                return done;
            });
        } catch (RuntimeException e) {
            if (!guarded.get()) releaseQuietly(reservation);
            throw e;
        }
    }


    private void releaseQuietly(UUID reservation) {
        try {
            reserving.release(reservation);
        } catch (RuntimeException e) {
            log.warn("Could not release reservation {}: {}", reservation, e.getMessage());
        }
    }

    private static int nextLineNo(Order order) {
        return order.lines().stream().mapToInt(Order.Line::lineNo).max().orElse(0) + 1;
    }

    private static Order.Line line(Order order, int lineNo) {
        return order.lines().stream().filter(l -> l.lineNo() == lineNo).findFirst().orElseThrow(() ->
                new NotFoundException("Order " + order.orderNumber() + " has no line " + lineNo + "."));
    }

    private static NotFoundException noOrder(OrderNumber number) {
        return new NotFoundException("No order " + number + ".");
    }

}
