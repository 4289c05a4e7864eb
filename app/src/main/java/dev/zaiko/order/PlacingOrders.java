package dev.zaiko.order;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.CheckingAvailability;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;
import dev.zaiko.inventory.ReservingStock;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.FaultPoints;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import dev.zaiko.wallet.Wallets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places orders: reserves every line through the inventory's reservation engine (each
 * reservation its own durable transaction, held until claimed), then records the order, its lines
 * and their history in one transaction that also claims the reservations. Whatever stops an order
 * from being recorded releases what was reserved for it; a crash in between leaves held
 * reservations that the inventory's sweep releases once their hold runs out
 * ({@code zaiko.inventory.reservation-hold}, docs/reservations.md "Holds").
 * <ul>
 * <li>OWN channel: all or nothing. A line that cannot be reserved is BACKORDERED with the date
 * of the next inbound into the channel's pool when the product allows backorders; otherwise the
 * order is refused (409 {@code insufficient-stock}) and nothing is written.</li>
 * <li>MARKETPLACE channel: the order was accepted elsewhere and is always recorded; a line that
 * cannot be reserved is AWAITING_CUSTOMER and {@link OrderLineShort} (ALLOCATION_FAILED) is published.</li>
 * <li>Both are the shop's line placement policies, listed once in {@link LinePlacementPolicies}: the
 * first policy that applies to a line decides what becomes of it.</li>
 * <li>Idempotent on (channel, externalRef), also under races: a unique constraint decides, and a
 * loser releases its reservations and answers with the winner's order. A replay must ask for the
 * same order ({@link RequestFingerprint}); one that differs is refused (409
 * {@code order-replay-mismatch}) and changes nothing.</li>
 * <li>The payment must add up to the lines and the shipping fee ({@link PaymentBalance}, 400
 * {@code payment-mismatch}), on every channel.</li>
 * <li>OWN channel: points, gift balance and a coupon are the shop's own, spent from the customer's
 * wallet ({@link Wallets#redeem}) in the transaction that records the order; a refusal (409
 * {@code points-insufficient}, {@code coupon-already-used}, …) leaves no order and releases the
 * reservations. A MARKETPLACE order spent the marketplace's own and is never checked here.</li>
 * </ul>
 * Logs name order numbers, channels and SKUs, never the customer's name, email or phone.
 */
@Service
public class PlacingOrders {

    private static final Logger log = LoggerFactory.getLogger(PlacingOrders.class);
    private static final int NUMBER_ATTEMPTS = 5;

    private final StockNetwork network;
    private final Products products;
    private final ReservingStock reserving;
    private final OrderStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final OrderLineShortages shortages;
    private final Wallets wallets;
    private final DealLines dealLines;
    private final CustomerKeys customerKeys;
    private final PromisingInbounds promises;
    private final WaitingLines waiting;
    private final CheckingAvailability availability;

    PlacingOrders(StockNetwork network, Products products, ReservingStock reserving,
                  OrderStore store, PlatformTransactionManager transactions, Clock clock,
                  ApplicationEventPublisher events, OrderLineShortages shortages, Wallets wallets,
                  DealLines dealLines, CustomerKeys customerKeys, PromisingInbounds promises, WaitingLines waiting,
                  CheckingAvailability availability) {
        this.availability = availability;
        this.promises = promises;
        this.waiting = waiting;
        this.network = network;
        this.products = products;
        this.reserving = reserving;
        this.store = store;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.events = events;
        this.shortages = shortages;
        this.wallets = wallets;
        this.dealLines = dealLines;
        this.customerKeys = customerKeys;
    }

    /** @param created false when an order with the same (channel, externalRef) already existed */
    public record Placement(Order order, boolean created) {
    }

    /**
     * @param actor who places it, for the history: {@code api} for HTTP requests
     * @throws NotFoundException   unknown channel or SKU (nothing reserved, nothing written)
     * @throws ConflictException   {@code insufficient-stock} on an OWN channel (nothing left behind);
     *                             {@code order-replay-mismatch} when (channel, externalRef) was placed with another body;
     *                             the wallet's refusals on an OWN channel ({@link Wallets#redeem})
     * @throws InvalidRequestException a rule the request breaks ({@code payment-mismatch} among them)
     */
    public Placement place(OrderRequest request, String actor) {
        checkRules(request);
        PaymentBalance.check(request);
        Channel channel = network.requireChannel(request.channel());
        if (request.externalRef() != null) {
            Optional<OrderNumber> existing = store.findByExternalRef(channel.code(), request.externalRef());
            if (existing.isPresent()) return replay(existing.get(), request);
        }
        // after the idempotency lookup: a retry the next day still finds its order, whose promise was valid then
        ExpressPromise.check(request, channel.kind(), LocalDate.now(clock));
        dealLines.check(request, channel);
        Map<String, Product> catalog = new LinkedHashMap<>();
        for (int i = 0; i < request.lines().size(); i++) {
            String sku = request.lines().get(i).sku();
            int lineNo = i + 1;
            if (!catalog.containsKey(sku)) {
                catalog.put(sku, products.find(sku).orElseThrow(() ->
                        new NotFoundException("No product with SKU '" + sku + "' (line " + lineNo + ").")));
            }
        }
        try {
            // before reserving, so that a refusal normally costs nothing; the redemption itself decides
            if (spendsFromWallet(request, channel)) checkWallet(request);
            // the buyer's own holds the order takes over (lines[i].reservationId); inside this try: a racing
            // duplicate of this order that took them first is answered as its replay
            HeldLines held = HeldLines.check(request.lines(), channel, reserving, dealLines::ofSetAside,
                    clock.instant());
            for (int attempt = 1; ; attempt++) {
                // no lookup first: a number taken meanwhile fails the insert on its key and is retried below
                OrderNumber number = OrderNumber.random();
                try {
                    return placeAs(number, request, channel, catalog, held, actor);
                } catch (DuplicateKeyException e) {
                    if (attempt >= NUMBER_ATTEMPTS || !store.exists(number)) throw e;
                    log.info("Order number {} was taken meanwhile; placing again with another", number);
                }
            }
        } catch (ConflictException refused) {
            // refused for what a racing duplicate took after the lookup above (its points, the last unit):
            // the duplicate is this same order, so it is answered as its replay
            if (request.externalRef() != null) {
                Optional<OrderNumber> winner = store.findByExternalRef(channel.code(), request.externalRef());
                if (winner.isPresent()) return replay(winner.get(), request);
            }
            throw refused;
        }
    }

    /**
     * What {@link #place} would answer about a request's identity, without placing, reserving or
     * writing anything: the order placed before under the same {@code (channel, externalRef)} and
     * body, or empty when placing would create a new order (or when there is no externalRef). A dry
     * run of an import tells orders imported before from new ones with it.
     *
     * @throws NotFoundException       unknown channel
     * @throws ConflictException       {@code order-replay-mismatch}: placed before with another body
     * @throws InvalidRequestException a rule the request breaks, as {@link #place} would refuse it
     */
    public Optional<Order> placedBefore(OrderRequest request) {
        checkRules(request);
        PaymentBalance.check(request);
        Channel channel = network.requireChannel(request.channel());
        if (request.externalRef() == null) return Optional.empty();
        return store.findByExternalRef(channel.code(), request.externalRef())
                .map(number -> replay(number, request).order());
    }

    private Placement placeAs(OrderNumber number, OrderRequest request, Channel channel, Map<String, Product> catalog,
                              HeldLines held, String actor) {
        List<OrderRequest.Line> in = request.lines();
        List<CompletableFuture<ReservationOutcome>> pending = new ArrayList<>(in.size());
        // earlier backorders of a SKU waiting in the channel's pool have the first claim on its units: a new
        // line of it does not reserve, it is backordered behind them (and filled after them, below)
        Map<String, Boolean> waitingAhead = new HashMap<>();
        boolean[] queued = new boolean[in.size()];
        for (int i = 0; i < in.size(); i++) {
            OrderRequest.Line line = in.get(i);
            if (held.takes(i)) {
                pending.add(CompletableFuture.completedFuture(held.outcome(i)));
                continue;
            }
            if (line.deal() == null && channel.kind() == ChannelKind.OWN
                    && waitingAhead.computeIfAbsent(line.sku(), sku -> waitingAhead(sku, channel))) {
                queued[i] = true;
                pending.add(CompletableFuture.completedFuture(new ReservationOutcome(line.sku(), false, null,
                        List.of(), 0, "earlier backorders of the SKU wait in the channel's pool")));
                continue;
            }
            // held until the order's transaction claims them: a crash before it strands nothing
            pending.add(line.deal() != null ? dealLines.reserve(request, channel, number, i + 1)
                    : reserving.reserveUntilClaimedAsync(new ReserveRequest(channel.code(), line.sku(),
                    line.quantity(), Order.Line.holder(number, i + 1), segment(request))));
        }
        List<ReservationOutcome> outcomes = awaitAll(pending, held);
        // what this call reserved itself, and so releases if the order is not recorded; the buyer's own
        // holds are claimed with them but never released here: refused, the order leaves them held
        List<UUID> reserved = outcomes.stream().filter(ReservationOutcome::reserved)
                .map(ReservationOutcome::reservationId).filter(id -> !held.reservations().contains(id)).toList();
        List<UUID> claimed = new ArrayList<>(reserved);
        claimed.addAll(held.reservations());
        FaultPoints.reach("after-reserve-before-order");
        boolean recorded = false; // or released: either way the reservations are no longer this call's to release
        try {
            // what the database keeps (microseconds), so the order answered equals the order read back
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            RequestFingerprint fingerprint = request.externalRef() == null ? null : RequestFingerprint.of(request, number);
            // worked out before the transaction: the customer's key may be read (or stored) once per instance
            String customerKey = customerKeys.of(request.customer().email().strip());
            // the SKUs whose lines may be promised an inbound: their backorder locks are taken in one fixed order
            SortedSet<String> promising = new TreeSet<>();
            if (channel.kind() == ChannelKind.OWN) {
                for (int i = 0; i < in.size(); i++) if (!outcomes.get(i).reserved()) promising.add(in.get(i).sku());
            }
            List<OrderLineShort> shorts = new ArrayList<>();
            Order[] written = new Order[1];
            try {
                tx.executeWithoutResult(t -> {
                    // under the SKU's lock, so two promises never count the same free units of an inbound
                    promising.forEach(store::lockBackorders);
                    Map<String, List<PromisingInbounds.Capacity>> capacity = new HashMap<>();
                    Map<Long, Integer> tally = PromisingInbounds.tally();
                    List<Order.Line> lines = new ArrayList<>();
                    List<Order.StatusChange> history = new ArrayList<>();
                    for (int i = 0; i < in.size(); i++) {
                        OrderRequest.Line line = in.get(i);
                        int lineNo = i + 1;
                        java.util.function.Supplier<List<PromisingInbounds.Capacity>> upcoming = () ->
                                capacity.computeIfAbsent(line.sku(), sku -> promises.upcoming(sku, channel.locations()));
                        LinePlacementPolicy.Placed placed = LinePlacementPolicies.place(new LinePlacementPolicy.LineFacts(
                                number, lineNo, line, catalog.get(line.sku()), channel, outcomes.get(i),
                                () -> PromisingInbounds.firstWithRoom(upcoming.get(), line.quantity(), tally),
                                () -> !upcoming.get().isEmpty(), queued[i], actor, now));
                        lines.add(placed.line());
                        history.add(placed.history());
                        if (placed.shortage() != null) shorts.add(placed.shortage());
                    }
                    OrderStatus status = OrderStatus.ofOrder(lines.stream().map(Order.Line::status).toList());
                    history.add(0, new Order.StatusChange(null, null, status, actor,
                            "Placed on channel " + channel.code() + ".", now));
                    Order order = order(number, request, channel, status, now, lines, history);
                    store.insert(order, fingerprint);
                    // the order's reservations are its own from this commit on; one statement for all
                    try {
                        reserving.claim(claimed);
                    } catch (ConflictException gone) {
                        throw held.lostWhileClaiming(gone);
                    }
                    // after the insert: a racing duplicate fails on its external reference first and is answered
                    // as a replay, so it never spends the wallet again, nor is refused for what the winner spent
                    if (spendsFromWallet(request, channel)) redeem(number, request);
                    shorts.forEach(events::publishEvent);
                    events.publishEvent(placed(order, customerKey));
                    written[0] = order;
                });
            } catch (DuplicateKeyException e) {
                if (request.externalRef() != null) {
                    Optional<OrderNumber> winner = store.findByExternalRef(channel.code(), request.externalRef());
                    if (winner.isPresent()) {
                        release(reserved, number);
                        recorded = true;
                        log.info("Order {} on {} lost a race for the same external reference to {}; released its "
                                + "reservations", number, channel.code(), winner.get());
                        return replay(winner.get(), request);
                    }
                }
                throw e;
            } catch (DataAccessException e) {
                throw withheld(number, e);
            }
            recorded = true;
            Order order = written[0];
            log.info("Order {} placed on {}: {} line(s), status {}", number, channel.code(), order.lines().size(),
                    order.status());
            boolean changed = shortages.catchUpDisplaced(order);
            boolean filled = fillBehind(number, channel, in, queued);
            // the order as written is the answer unless something may have changed it since: a displaced
            // line just now, a line queued behind earlier backorders and filled after them, or a listener
            // of the shortages published in the order's transaction
            return new Placement(changed || filled || !shorts.isEmpty() ? store.find(number).orElseThrow() : order,
                    true);
        } catch (RuntimeException e) {
            if (!recorded) release(reserved, number);
            throw e;
        }
    }

    /** Whether BACKORDERED lines of the SKU wait on a channel whose pool shares a location with this one's. */
    private boolean waitingAhead(String sku, Channel channel) {
        for (String code : store.channelsWithBackorders(sku)) {
            if (code.equals(channel.code())) return true;
            Optional<Channel> other = network.findChannel(code);
            if (other.isPresent() && other.get().locations().stream().anyMatch(channel.locations()::contains)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lines queued behind earlier backorders are filled at once, after them, in the queue's order
     * (under the SKU's backorder lock): when units are left over for them, the answer shows them
     * ALLOCATED. A failed fill leaves them waiting; the next stock change of the SKU fills them.
     */
    private boolean fillBehind(OrderNumber number, Channel channel, List<OrderRequest.Line> in, boolean[] queued) {
        SortedSet<String> skus = new TreeSet<>();
        for (int i = 0; i < in.size(); i++) if (queued[i]) skus.add(in.get(i).sku());
        if (skus.isEmpty()) return false;
        // nothing sellable on the channel: nothing to fill now (the stock that appears later fills the queue)
        Map<String, Integer> ats = availability.ats(skus, channel.code());
        skus.removeIf(sku -> ats.getOrDefault(sku, 0) <= 0);
        for (String sku : skus) {
            try {
                waiting.fillExclusively(sku);
            } catch (RuntimeException e) {
                log.warn("Order {}: filling the backorders of {} after placing failed; the next stock change fills "
                        + "them: {}", number, sku, e.getMessage());
            }
        }
        return !skus.isEmpty();
    }

    /** What analytics hear of a new order: never the customer's address, only its pseudonym. */
    private OrderPlaced placed(Order order, String customerKey) {
        List<OrderPlaced.PlacedLine> lines = order.lines().stream()
                .map(l -> new OrderPlaced.PlacedLine(l.lineNo(), l.sku(), l.quantity(), l.unitPrice(),
                        l.status() == OrderStatus.BACKORDERED))
                .toList();
        long total = order.shippingFee() + lines.stream().mapToLong(l -> l.quantity() * l.unitPrice()).sum();
        return new OrderPlaced(order.orderNumber().toString(), order.channel(), customerKey,
                order.customer().segment(), order.b2b(), lines, order.shippingFee(), total, order.placedAt());
    }

    /**
     * The order already placed under the request's (channel, externalRef), when the request asks
     * for the same order; orders recorded before fingerprints were kept are answered as they are.
     */
    private Placement replay(OrderNumber number, OrderRequest request) {
        Order order = store.find(number).orElseThrow();
        Optional<RequestFingerprint> recorded = store.fingerprint(number);
        if (recorded.isPresent()) {
            RequestFingerprint replayed = RequestFingerprint.of(request, number);
            if (!recorded.get().sameAs(replayed)) {
                List<String> differences = recorded.get().differencesFrom(replayed);
                log.info("Order {} on {}: a replay of its external reference with a different body was refused ({})",
                        number, order.channel(), differences);
                throw new ConflictException("order-replay-mismatch", "Order " + number + " was already placed on "
                        + "channel " + order.channel() + " with externalRef '" + order.externalRef() + "', and this "
                        + "request asks for something else: " + String.join(", ", differences) + " differ"
                        + (differences.size() == 1 ? "s" : "") + ". Nothing was changed. Send the same body to read "
                        + "that order again, or use a new externalRef for a new order.",
                        Map.of("orderNumber", number.toString(), "channel", order.channel(),
                                "externalRef", order.externalRef(), "differences", differences));
            }
        }
        return new Placement(order, false);
    }

    private Order order(OrderNumber number, OrderRequest r, Channel channel, OrderStatus status, Instant now,
                        List<Order.Line> lines, List<Order.StatusChange> history) {
        OrderRequest.Customer c = r.customer();
        OrderRequest.Payment p = r.payment();
        return new Order(number, channel.code(), r.externalRef(), status,
                new Order.Customer(c.name().strip(), c.email().strip(), blankToNull(c.phone()),
                        c.locale() == null ? "ja" : c.locale(), segment(r)),
                new Order.Payment(p.method(), p.status(), p.amount(), orZero(p.pointsUsed()), blankToNull(p.couponCode()),
                        orZero(p.couponDiscount()), orZero(p.giftBalanceUsed()), blankToNull(p.reference())),
                Boolean.TRUE.equals(r.express()), r.promisedDate(), Boolean.TRUE.equals(r.gift()),
                Boolean.TRUE.equals(r.b2b()),
                r.neededBy(), orZero(r.shippingFee()), now, lines, history, false);
    }

    /**
     * Points, gift balance and coupons of an OWN channel's checkout are the shop's own. A
     * marketplace order spent the marketplace's, which Zaiko does not keep.
     */
    private static boolean spendsFromWallet(OrderRequest r, Channel channel) {
        OrderRequest.Payment p = r.payment();
        return channel.kind() == ChannelKind.OWN && (orZero(p.pointsUsed()) > 0 || giftBalance(p) > 0
                || blankToNull(p.couponCode()) != null);
    }

    private static long giftBalance(OrderRequest.Payment p) {
        return Order.Payment.giftBalanceSpent(p.method(), p.amount(), orZero(p.giftBalanceUsed()));
    }

    private void checkWallet(OrderRequest r) {
        OrderRequest.Payment p = r.payment();
        wallets.checkRedemption(r.customer().email(), orZero(p.pointsUsed()), giftBalance(p),
                blankToNull(p.couponCode()), orZero(p.couponDiscount()), PaymentBalance.linesTotal(r));
    }

    private void redeem(OrderNumber number, OrderRequest r) {
        OrderRequest.Payment p = r.payment();
        wallets.redeem(r.customer().email(), number.digits(), orZero(p.pointsUsed()), giftBalance(p),
                blankToNull(p.couponCode()), orZero(p.couponDiscount()), PaymentBalance.linesTotal(r));
    }

    /** Rules no field annotation can express. */
    private void checkRules(OrderRequest r) {
        Map<String, Integer> lineRefs = new HashMap<>();
        for (int i = 0; i < r.lines().size(); i++) {
            String ref = LinePlacementPolicies.ref(r.lines().get(i));
            if (ref == null) continue;
            Integer first = lineRefs.putIfAbsent(ref, i);
            if (first != null) {
                String field = "lines[" + i + "].externalLineRef";
                throw new InvalidRequestException("invalid-request", field + " '" + ref + "' is already the "
                        + "externalLineRef of lines[" + first + "]; each marketplace line id names one line of the "
                        + "order.", Map.of("field", field));
            }
        }
        if (r.neededBy() != null && r.neededBy().isBefore(LocalDate.now(clock))) {
            throw new InvalidRequestException("neededBy " + r.neededBy() + " is in the past; it is the date the "
                    + "customer needs the order by, today or later.");
        }
        if (r.payment().couponCode() != null && r.payment().couponCode().isBlank()) {
            throw new InvalidRequestException("payment.couponCode must not be blank when given.");
        }
        if (r.payment().couponDiscount() != null && r.payment().couponDiscount() > 0 && r.payment().couponCode() == null) {
            throw new InvalidRequestException("payment.couponDiscount " + r.payment().couponDiscount() + " needs the "
                    + "payment.couponCode it was granted for.");
        }
    }

    /**
     * The database's own message may quote the row (PostgreSQL's "Failing row contains", the
     * driver's batch entries), that is the customer's name, email and phone; it must not reach a
     * log. Only the SQL state and the exception's type are kept.
     */
    private static RuntimeException withheld(OrderNumber number, DataAccessException e) {
        if (dev.zaiko.platform.DatabaseUnavailable.isCause(e)) {
            return new dev.zaiko.platform.DatabaseUnavailable("Could not record order " + number
                    + ": the database is unavailable (SQL state " + dev.zaiko.platform.DatabaseUnavailable.sqlState(e)
                    + ").");
        }
        String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : "unknown";
        return new IllegalStateException("Could not record order " + number + " (" + e.getClass().getSimpleName()
                + ", SQL state " + state + "); its reservations are released. The database's message is withheld "
                + "because it may quote the customer's personal data.");
    }

    /** Waits for every reservation; if one failed, releases the others it made (not the buyer's holds) and rethrows. */
    private List<ReservationOutcome> awaitAll(List<CompletableFuture<ReservationOutcome>> pending, HeldLines held) {
        List<ReservationOutcome> outcomes = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<ReservationOutcome> f : pending) {
            try {
                outcomes.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = new IllegalStateException("Interrupted while reserving", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
                }
            }
        }
        if (failure != null) {
            release(outcomes.stream().filter(ReservationOutcome::reserved).map(ReservationOutcome::reservationId)
                    .filter(id -> !held.reservations().contains(id)).toList(), null);
            throw failure;
        }
        return outcomes;
    }

    private void release(List<UUID> reservations, OrderNumber number) {
        for (UUID id : reservations) {
            try {
                reserving.release(id);
            } catch (RuntimeException e) {
                // displaced meanwhile (nothing left to release) or the database is gone: say so, go on
                log.warn("Could not release reservation {} of unrecorded order {}: {}", id, number, e.getMessage());
            }
        }
    }

    /** The buyer's member segment the order's reservations are made for; blank is none. */
    static String segment(OrderRequest r) {
        return blankToNull(r.customer().segment());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
