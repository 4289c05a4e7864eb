package dev.zaiko.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.zaiko.inventory.LocationKind;
import dev.zaiko.inventory.ReceivingStock;
import dev.zaiko.inventory.SellingAtTill;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Till sales in: a connected POS channel's transactions (Smaregi's) are pulled from a durable cursor
 * and each line becomes a till sale at the channel's store through the inventory's
 * {@link SellingAtTill} (the path of {@code POST /api/stock/pos-sales}), so the store's sale lowers
 * what every other channel may sell within one pull; a returned line becomes a receipt into
 * INSPECTING through {@link ReceivingStock} (as {@code POST /api/stock/receipts}), not straight back
 * to sellable. Each line is recorded once per (channel, transaction, line): the claim row and the
 * stock movement are written in one database transaction, so a crash leaves both or neither, and the
 * cursor moves only after a whole page, so a crash before it moves re-reads lines already recorded and
 * skips them. A line that cannot be recorded (a product with no mapping, a sale the inventory
 * refuses) keeps its transaction in the channel's import inbox with the reason, while the
 * transaction's other lines are recorded at once: the till sold them, other channels must not.
 */
@Service
public class ImportingTillSales {

    private static final Logger log = LoggerFactory.getLogger(ImportingTillSales.class);
    /** Pages one pull reads at most; the next pull goes on from the cursor. */
    static final int MAX_PAGES = 50;

    private final ConnectorAccounts accounts;
    private final ItemMappings mappings;
    private final OrderInbox inbox;
    private final TillSaleStore store;
    private final SellingAtTill till;
    private final ReceivingStock receiving;
    private final StockNetwork network;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, ReentrantLock> pulling = new ConcurrentHashMap<>();

    ImportingTillSales(ConnectorAccounts accounts, ItemMappings mappings, OrderInbox inbox, TillSaleStore store,
                       SellingAtTill till, ReceivingStock receiving, StockNetwork network,
                       TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
        this.accounts = accounts;
        this.mappings = mappings;
        this.inbox = inbox;
        this.store = store;
        this.till = till;
        this.receiving = receiving;
        this.network = network;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    /** What became of one till transaction. */
    public enum Outcome { RECORDED, ALREADY_RECORDED, KEPT, IGNORED }

    /**
     * One pull's count.
     *
     * @param pulled false when the channel's platform has no till, or another pull of the channel was
     *               under way on this instance
     * @param sold   units sold at the till and taken from the store's stock in this pull
     * @param returned units returned at the till and received into INSPECTING in this pull
     */
    public record PullReport(String channel, boolean pulled, int pages, int transactions, int sold, int returned,
                             int alreadyRecorded, int kept, String error) {
    }

    /** The scheduled pull: every connected channel whose next till-sale pull is due. */
    public void pullDue() {
        Instant now = clock.instant();
        for (String channel : accounts.channels()) {
            Instant next = store.cursors().pulling(channel).map(PullCursors.Pulling::nextPullAt).orElse(null);
            if (next != null && now.isBefore(next)) continue;
            try {
                pull(channel);
            } catch (RuntimeException e) {
                log.warn("Pulling the till sales of channel {} failed: {}", channel, e.toString());
            }
        }
    }

    /** Pulls the channel's till transactions now, page by page from its cursor. */
    public PullReport pull(String channel) {
        ConnectorAccounts.Session session = accounts.session(channel)
                .orElseThrow(() -> new NotFoundException("Channel '" + channel + "' has no connector."));
        ReentrantLock lock = pulling.computeIfAbsent(channel, c -> new ReentrantLock());
        if (!lock.tryLock()) return new PullReport(channel, false, 0, 0, 0, 0, 0, 0, null);
        try {
            return pullLocked(channel, session);
        } finally {
            lock.unlock();
        }
    }

    private PullReport pullLocked(String channel, ConnectorAccounts.Session session) {
        String cursor = store.cursors().pulling(channel).map(PullCursors.Pulling::cursor).orElse(null);
        Count count = new Count();
        Duration every = session.connector().tillSalePullEvery();
        int pages = 0;
        try {
            Optional<String> location = null;
            while (pages < MAX_PAGES) {
                Optional<TillSale.Page> page = session.client().pullTillSales(cursor);
                if (page.isEmpty()) {
                    store.cursors().nextPullAt(channel, clock.instant().plus(Duration.ofHours(1)));
                    return new PullReport(channel, false, pages, 0, 0, 0, 0, 0, null);
                }
                if (location == null) location = storeOf(channel);
                if (location.isEmpty()) {
                    String message = "Channel '" + channel + "' must sell from exactly one store location for its till"
                            + " sales to be recorded there.";
                    Instant now = clock.instant();
                    store.cursors().pullFailed(channel, message, now, now.plus(every));
                    return count.report(channel, pages, message);
                }
                pages++;
                OrderTranslation.Mapping mapping = mapping(channel);
                for (TillSale sale : page.get().sales()) take(channel, sale, mapping, location.get(), count);
                cursor = page.get().nextCursor();
                store.cursors().moved(channel, cursor, clock.instant());
                if (!page.get().more()) break;
            }
            store.cursors().nextPullAt(channel, clock.instant().plus(every));
            return count.report(channel, pages, null);
        } catch (ConnectorException.Throttled e) {
            Instant now = clock.instant();
            store.cursors().pullFailed(channel, e.getMessage(), now, now.plus(e.retryAfter()));
            return count.report(channel, pages, e.getMessage());
        } catch (ConnectorException.Unauthorized e) {
            accounts.refused(channel, e.getMessage());
            Instant now = clock.instant();
            store.cursors().pullFailed(channel, e.getMessage(), now, now.plus(every));
            return count.report(channel, pages, e.getMessage());
        } catch (ConnectorException e) {
            Instant now = clock.instant();
            store.cursors().pullFailed(channel, e.getMessage(), now, now.plus(every));
            return count.report(channel, pages, e.getMessage());
        }
    }

    /** Tries a kept till transaction again with the channel's mapping as it is now. */
    OrderInbox.Entry retry(String channel, UUID id) {
        TillSale sale = inbox.tillSale(channel, id)
                .orElseThrow(() -> new NotFoundException("Channel '" + channel + "' has no inbox entry " + id + "."));
        String location = storeOf(channel).orElseThrow(() -> new ConflictException("no-store-location",
                "Channel '" + channel + "' must sell from exactly one store location for its till sales to be recorded there."));
        take(channel, sale, mapping(channel), location, new Count());
        return inbox.entry(channel, id).orElseThrow();
    }

    /** Whether an inbox entry keeps a till transaction (rather than a marketplace order). */
    boolean keepsTillSale(String channel, UUID id) {
        return inbox.tillSale(channel, id).isPresent();
    }

    /**
     * A channel's till sales in at a glance: the pull's state and the lag of the lines recorded in the
     * last hour (from the till's sale to its recording in Zaiko: median, 99th percentile, maximum, ms).
     */
    public record Status(String channel, Instant lastPullAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt,
                         Instant nextPullAt, long linesLastHour, Long lagP50Ms, Long lagP99Ms, Long lagMaxMs) {
    }

    public Status status(String channel) {
        if (!accounts.connected(channel)) throw new NotFoundException("Channel '" + channel + "' has no connector.");
        Optional<PullCursors.Pulling> p = store.cursors().pulling(channel);
        Map<String, Object> lag = store.lag(channel, clock.instant().minus(Duration.ofHours(1)));
        return new Status(channel, p.map(PullCursors.Pulling::lastPullAt).orElse(null),
                p.map(PullCursors.Pulling::lastSuccessAt).orElse(null), p.map(PullCursors.Pulling::lastError).orElse(null),
                p.map(PullCursors.Pulling::lastErrorAt).orElse(null), p.map(PullCursors.Pulling::nextPullAt).orElse(null),
                ((Number) lag.get("imported")).longValue(), number(lag.get("lag_p50_ms")), number(lag.get("lag_p99_ms")),
                number(lag.get("lag_max_ms")));
    }

    /** Records every line of one transaction that is not yet recorded; keeps the transaction when one cannot be. */
    Outcome take(String channel, TillSale sale, OrderTranslation.Mapping mapping, String location, Count count) {
        if (sale.transactionId() == null || sale.transactionId().isBlank()) {
            log.warn("A till transaction of channel {} without an id was left out", channel);
            return Outcome.IGNORED;
        }
        count.transactions++;
        List<String> problems = new ArrayList<>();
        OrderTranslation.Reason reason = null;
        boolean recordedNow = false;
        Instant now = clock.instant();
        // a till clock running ahead must not put a sale in the future: then it is dated now
        Instant soldAt = sale.soldAt() == null || sale.soldAt().isAfter(now) ? null : sale.soldAt();
        for (int i = 0; i < sale.lines().size(); i++) {
            TillSale.Line line = sale.lines().get(i);
            String lineId = line.lineId() == null || line.lineId().isBlank() ? Integer.toString(i + 1) : line.lineId();
            String which = "Line " + lineId + (line.identifiers().isEmpty() ? "" : " " + line.identifiers());
            if (store.recorded(channel, sale.transactionId(), lineId)) continue;
            if (line.quantity() < 1) {
                problems.add(which + " has quantity " + line.quantity() + ".");
                reason = worse(reason, OrderTranslation.Reason.MALFORMED);
                continue;
            }
            Optional<String> sku = mapping.skuOf(new PlatformOrder.Line(lineId, null, line.identifiers(), line.quantity(), 0));
            if (sku.isEmpty()) {
                problems.add(which + " is mapped to no Zaiko SKU (or to several): map it on the connector page, then try again.");
                reason = worse(reason, OrderTranslation.Reason.UNKNOWN_SKU);
                continue;
            }
            try {
                if (record(channel, sale, lineId, line, sku.get(), location, soldAt)) {
                    recordedNow = true;
                    if (line.kind() == TillSale.Kind.RETURN) count.returned += line.quantity();
                    else count.sold += line.quantity();
                }
            } catch (NotFoundException e) {
                problems.add(which + ": " + e.getMessage());
                reason = worse(reason, OrderTranslation.Reason.UNKNOWN_SKU);
            } catch (InvalidRequestException | ConflictException e) {
                problems.add(which + ": " + e.getMessage());
                reason = worse(reason, OrderTranslation.Reason.REFUSED);
            }
        }
        if (reason != null) {
            inbox.keepTillSale(channel, sale, reason.name(), "Till transaction " + sale.transactionId() + ": "
                    + String.join(" ", problems), clock.instant());
            log.info("Till transaction {} of channel {} kept in the import inbox: {}", sale.transactionId(), channel, reason);
            count.kept++;
            return Outcome.KEPT;
        }
        inbox.tillSaleRecorded(channel, sale.transactionId(), clock.instant());
        if (recordedNow) return Outcome.RECORDED;
        count.alreadyRecorded++;
        return Outcome.ALREADY_RECORDED;
    }

    /** One line: the claim and the stock movement in one database transaction; false when it was recorded before. */
    private boolean record(String channel, TillSale sale, String lineId, TillSale.Line line, String sku, String location,
                           Instant soldAt) {
        String reference = "till:" + channel + "/" + sale.transactionId() + "/" + lineId;
        if (reference.length() > 200) reference = reference.substring(0, 200);
        String ref = reference;
        Instant recordedAt = clock.instant();
        Boolean done = transactions.execute(status -> {
            if (!store.claim(channel, sale.transactionId(), lineId, line.kind(), sku, location, line.quantity(), soldAt,
                    recordedAt)) {
                return false;
            }
            if (line.kind() == TillSale.Kind.RETURN) {
                receiving.receive(sku, location, line.quantity(), ref);
            } else {
                // the customer was at the counter with the item: the sale happened, whatever Zaiko had promised
                till.sell(sku, location, line.quantity(), null, true, ref, soldAt);
            }
            return true;
        });
        if (Boolean.TRUE.equals(done) && soldAt != null) {
            Timer.builder("zaiko.connector.till-sale.lag")
                    .description("From a sale at a POS platform's till to its recording in Zaiko")
                    .tag("channel", channel).register(meters)
                    .record(Duration.between(soldAt, recordedAt).isNegative() ? Duration.ZERO : Duration.between(soldAt, recordedAt));
        }
        return Boolean.TRUE.equals(done);
    }

    /** The one store location the channel sells from, where its till is. */
    private Optional<String> storeOf(String channel) {
        List<String> stores = network.findChannel(channel).map(c -> c.locations().stream()
                .filter(l -> network.findLocation(l).map(x -> x.kind() == LocationKind.STORE).orElse(false))
                .toList()).orElse(List.of());
        return stores.size() == 1 ? Optional.of(stores.get(0)) : Optional.empty();
    }

    private OrderTranslation.Mapping mapping(String channel) {
        Map<String, Map<String, String>> bySku = new LinkedHashMap<>();
        for (ItemMappings.Item item : mappings.list(channel)) bySku.put(item.sku(), item.identifiers());
        return new OrderTranslation.Mapping(bySku);
    }

    /** The reason a person must act on first: an unknown product before a refusal before a malformed line. */
    private static OrderTranslation.Reason worse(OrderTranslation.Reason a, OrderTranslation.Reason b) {
        if (a == null) return b;
        List<OrderTranslation.Reason> order = List.of(OrderTranslation.Reason.UNKNOWN_SKU, OrderTranslation.Reason.REFUSED,
                OrderTranslation.Reason.MALFORMED);
        return order.indexOf(a) <= order.indexOf(b) ? a : b;
    }

    private static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    /** What one pull did. */
    static final class Count {
        int transactions;
        int sold;
        int returned;
        int alreadyRecorded;
        int kept;

        PullReport report(String channel, int pages, String error) {
            return new PullReport(channel, true, pages, transactions, sold, returned, alreadyRecorded, kept, error);
        }
    }
}
