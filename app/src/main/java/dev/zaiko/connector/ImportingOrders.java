package dev.zaiko.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import dev.zaiko.order.CancellingOnTheChannel;
import dev.zaiko.order.OrderRequest;
import dev.zaiko.order.PlacingOrders;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Orders in: each connected channel's new and changed orders are pulled from the platform from a
 * durable cursor and recorded through the order path ({@link PlacingOrders}), once per platform
 * order id; an order the platform cancelled releases its units ({@link CancellingOnTheChannel}).
 * An order that cannot be recorded (an unknown SKU, a payment that does not add up, a malformed
 * record, a refusal of the order path) is kept in the channel's import inbox with the reason and the
 * platform's record, and can be tried again once the mapping is fixed: nothing is dropped, nothing
 * half-recorded. The cursor moves only after every order of a page was recorded or kept, so a crash
 * in between pulls the page again and the orders already recorded are skipped.
 */
@Service
public class ImportingOrders {

    private static final Logger log = LoggerFactory.getLogger(ImportingOrders.class);
    static final String ACTOR = "connector";
    /** Pages one pull reads at most; the next pull goes on from the cursor. */
    static final int MAX_PAGES = 50;

    private final ConnectorAccounts accounts;
    private final ItemMappings mappings;
    private final OrderInbox inbox;
    private final PlacingOrders placing;
    private final CancellingOnTheChannel cancelling;
    private final Validator validator;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ImportingTillSales tillSales;
    private final Map<String, ReentrantLock> pulling = new ConcurrentHashMap<>();

    ImportingOrders(ConnectorAccounts accounts, ItemMappings mappings, OrderInbox inbox, PlacingOrders placing,
                    CancellingOnTheChannel cancelling, Validator validator, MeterRegistry meters, Clock clock,
                    ImportingTillSales tillSales) {
        this.accounts = accounts;
        this.mappings = mappings;
        this.inbox = inbox;
        this.placing = placing;
        this.cancelling = cancelling;
        this.validator = validator;
        this.meters = meters;
        this.clock = clock;
        this.tillSales = tillSales;
    }

    /** What became of one platform order. */
    public enum Outcome { RECORDED, ALREADY_RECORDED, KEPT, CANCELLED, IGNORED }

    /**
     * One pull's count.
     *
     * @param pulled false when the channel's platform adapter reads no orders, or another pull of the
     *               channel was under way on this instance
     */
    public record PullReport(String channel, boolean pulled, int pages, int recorded, int alreadyRecorded, int kept,
                             int cancelled, String error) {
    }

    /** The scheduled pull: every connected channel whose next pull is due. */
    public void pullDue() {
        Instant now = clock.instant();
        for (String channel : accounts.channels()) {
            Instant next = inbox.cursors().pulling(channel).map(PullCursors.Pulling::nextPullAt).orElse(null);
            if (next != null && now.isBefore(next)) continue;
            try {
                pull(channel);
            } catch (RuntimeException e) {
                log.warn("Pulling the orders of channel {} failed: {}", channel, e.toString());
            }
        }
    }

    /** Pulls the channel's orders now, page by page from its cursor. */
    public PullReport pull(String channel) {
        ConnectorAccounts.Session session = accounts.session(channel)
                .orElseThrow(() -> new NotFoundException("Channel '" + channel + "' has no connector."));
        ReentrantLock lock = pulling.computeIfAbsent(channel, c -> new ReentrantLock());
        if (!lock.tryLock()) return new PullReport(channel, false, 0, 0, 0, 0, 0, null);
        try {
            return pullLocked(channel, session);
        } finally {
            lock.unlock();
        }
    }

    private PullReport pullLocked(String channel, ConnectorAccounts.Session session) {
        String cursor = inbox.cursors().pulling(channel).map(PullCursors.Pulling::cursor).orElse(null);
        OrderTranslation.Mapping mapping = mapping(channel);
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        int pages = 0;
        Duration every = session.connector().orderPullEvery();
        try {
            while (pages < MAX_PAGES) {
                Optional<PlatformOrder.Page> page = session.client().pullOrders(cursor);
                if (page.isEmpty()) {
                    inbox.cursors().nextPullAt(channel, clock.instant().plus(Duration.ofHours(1)));
                    return new PullReport(channel, false, pages, 0, 0, 0, 0, null);
                }
                pages++;
                List<String> recorded = new ArrayList<>();
                for (PlatformOrder order : page.get().orders()) {
                    Outcome outcome = take(channel, order, mapping);
                    counts.merge(outcome, 1, Integer::sum);
                    if (outcome == Outcome.RECORDED || outcome == Outcome.ALREADY_RECORDED) recorded.add(order.orderId());
                }
                // before the cursor moves: an order the platform was not told about comes again and is told again
                if (!recorded.isEmpty()) session.client().ordersRecorded(recorded);
                cursor = page.get().nextCursor();
                inbox.cursors().moved(channel, cursor, clock.instant());
                if (!page.get().more()) break;
            }
            inbox.cursors().nextPullAt(channel, clock.instant().plus(every));
            if (pages > 0) accounts.succeeded(channel); // the platform answered with these credentials
            return report(channel, pages, counts, null);
        } catch (ConnectorException.Throttled e) {
            Instant now = clock.instant();
            inbox.cursors().pullFailed(channel, e.getMessage(), now, now.plus(e.retryAfter()));
            return report(channel, pages, counts, e.getMessage());
        } catch (ConnectorException.Unauthorized e) {
            accounts.refused(channel, e.getMessage());
            Instant now = clock.instant();
            inbox.cursors().pullFailed(channel, e.getMessage(), now, now.plus(every));
            return report(channel, pages, counts, e.getMessage());
        } catch (ConnectorException e) {
            Instant now = clock.instant();
            inbox.cursors().pullFailed(channel, e.getMessage(), now, now.plus(every));
            // the connector's health is what the dashboard shows: a pull that fails is the connector's error too
            accounts.failed(channel, "Orders in: " + e.getMessage());
            return report(channel, pages, counts, e.getMessage());
        }
    }

    private static PullReport report(String channel, int pages, Map<Outcome, Integer> counts, String error) {
        return new PullReport(channel, true, pages, counts.getOrDefault(Outcome.RECORDED, 0),
                counts.getOrDefault(Outcome.ALREADY_RECORDED, 0), counts.getOrDefault(Outcome.KEPT, 0),
                counts.getOrDefault(Outcome.CANCELLED, 0), error);
    }

    /** Tries an inbox entry again with the channel's mapping as it is now. */
    public OrderInbox.Entry retry(String channel, UUID id) {
        OrderInbox.Entry entry = inbox.entry(channel, id).orElseThrow(() -> noEntry(channel, id));
        if (!"OPEN".equals(entry.status())) {
            throw new ConflictException("inbox-entry-closed", "Inbox entry " + id + " is " + entry.status()
                    + ": there is nothing to try again.");
        }
        if (tillSales.keepsTillSale(channel, id)) return tillSales.retry(channel, id);
        PlatformOrder order = inbox.order(channel, id).orElseThrow(() -> noEntry(channel, id));
        take(channel, order, mapping(channel));
        return inbox.entry(channel, id).orElseThrow();
    }

    /** A person decided the order is not to be recorded (a test order, handled by hand). */
    public OrderInbox.Entry dismiss(String channel, UUID id) {
        OrderInbox.Entry entry = inbox.entry(channel, id).orElseThrow(() -> noEntry(channel, id));
        if (!inbox.dismiss(channel, id, clock.instant())) {
            throw new ConflictException("inbox-entry-closed", "Inbox entry " + id + " is " + entry.status()
                    + ": it cannot be dismissed.");
        }
        return inbox.entry(channel, id).orElseThrow();
    }

    /** Open entries of the channel's import inbox (orders waiting for a person). */
    public int inboxOpen(String channel) {
        return inbox.open(channel);
    }

    public List<OrderInbox.Entry> entries(String channel) {
        requireConnected(channel);
        return inbox.entries(channel, 200);
    }

    /**
     * A channel's orders in at a glance: the pull's state, the open inbox, and the import lag of the
     * orders recorded in the last hour (median, 99th percentile, maximum, in milliseconds).
     */
    public record Status(String channel, Instant lastPullAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt,
                         Instant nextPullAt, int inboxOpen, long importedLastHour, Long lagP50Ms, Long lagP99Ms,
                         Long lagMaxMs) {
    }

    public Status status(String channel) {
        requireConnected(channel);
        Optional<PullCursors.Pulling> p = inbox.cursors().pulling(channel);
        Map<String, Object> lag = inbox.lag(channel, clock.instant().minus(Duration.ofHours(1)));
        return new Status(channel, p.map(PullCursors.Pulling::lastPullAt).orElse(null),
                p.map(PullCursors.Pulling::lastSuccessAt).orElse(null), p.map(PullCursors.Pulling::lastError).orElse(null),
                p.map(PullCursors.Pulling::lastErrorAt).orElse(null), p.map(PullCursors.Pulling::nextPullAt).orElse(null),
                inbox.open(channel), ((Number) lag.get("imported")).longValue(), number(lag.get("lag_p50_ms")),
                number(lag.get("lag_p99_ms")), number(lag.get("lag_max_ms")));
    }

    /**
     * Records one platform order, keeps it in the inbox, or cancels it: also the way in for a
     * platform's push notice (a webhook) carrying one order.
     */
    Outcome take(String channel, PlatformOrder order, OrderTranslation.Mapping mapping) {
        Instant now = clock.instant();
        if (order.state() == PlatformOrder.State.CANCELLED) {
            if (order.orderId() == null) return Outcome.IGNORED;
            if (cancelling.cancel(channel, order.orderId(), ACTOR, "Cancelled on the platform.").isPresent()) {
                inbox.cancelled(channel, order.orderId(), now);
                return Outcome.CANCELLED;
            }
            inbox.dismissedByPlatform(channel, order.orderId(), now);
            return Outcome.IGNORED;
        }
        if (order.orderId() != null && inbox.recorded(channel, order.orderId())) return Outcome.ALREADY_RECORDED;
        OrderTranslation.Result result = OrderTranslation.translate(channel, order, mapping);
        if (result.refusal() != null) return keep(channel, order, result.refusal().reason(), result.refusal().message());
        Set<ConstraintViolation<OrderRequest>> violations = validator.validate(result.request());
        if (!violations.isEmpty()) {
            String problems = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; "));
            return keep(channel, order, OrderTranslation.Reason.MALFORMED, "The order is not valid: " + problems + ".");
        }
        PlacingOrders.Placement placement;
        try {
            placement = placing.place(result.request(), ACTOR);
        } catch (NotFoundException e) {
            return keep(channel, order, OrderTranslation.Reason.UNKNOWN_SKU, e.getMessage());
        } catch (InvalidRequestException e) {
            return keep(channel, order, "payment-mismatch".equals(e.type()) ? OrderTranslation.Reason.PAYMENT_MISMATCH
                    : OrderTranslation.Reason.REFUSED, e.getMessage());
        } catch (ConflictException e) {
            return keep(channel, order, OrderTranslation.Reason.REFUSED, e.getMessage());
        }
        Instant recordedAt = clock.instant();
        Instant created = order.createdAt() != null ? order.createdAt() : recordedAt;
        inbox.record(channel, order.orderId(), placement.order().orderNumber().toString(), created, recordedAt);
        Timer.builder("zaiko.connector.order.lag")
                .description("From an order's creation on the platform to its recording in Zaiko")
                .tag("channel", channel).register(meters)
                .record(Duration.between(created, recordedAt).isNegative() ? Duration.ZERO : Duration.between(created, recordedAt));
        log.info("Order {} of channel {} recorded as {}", order.orderId(), channel, placement.order().orderNumber());
        return placement.created() ? Outcome.RECORDED : Outcome.ALREADY_RECORDED;
    }

    private Outcome keep(String channel, PlatformOrder order, OrderTranslation.Reason reason, String message) {
        inbox.keep(channel, order, reason.name(), message, clock.instant());
        log.info("Order {} of channel {} kept in the import inbox: {}", order.orderId(), channel, reason);
        return Outcome.KEPT;
    }

    OrderTranslation.Mapping mapping(String channel) {
        Map<String, Map<String, String>> bySku = new LinkedHashMap<>();
        for (ItemMappings.Item item : mappings.list(channel)) bySku.put(item.sku(), item.identifiers());
        return new OrderTranslation.Mapping(bySku);
    }

    private void requireConnected(String channel) {
        if (!accounts.connected(channel)) throw new NotFoundException("Channel '" + channel + "' has no connector.");
    }

    private static NotFoundException noEntry(String channel, UUID id) {
        return new NotFoundException("Channel '" + channel + "' has no inbox entry " + id + ".");
    }

    private static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
