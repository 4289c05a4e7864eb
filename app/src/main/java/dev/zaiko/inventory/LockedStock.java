package dev.zaiko.inventory;

import java.sql.Connection;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.zaiko.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Runs one stock change outside the engine's hot path (receipts, inspections, counts, till
 * sales): lock the SKU, load its picture, let the rule decide, write, publish. A rule that
 * throws leaves the database untouched.
 */
@Component
class LockedStock {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final StockStore store = new StockStore();

    LockedStock(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    <T> T change(String sku, Function<StockPicture, T> rule) {
        return change(sku, rule, (result, changes) -> {
        });
    }

    /**
     * Like {@link #change}, then {@code written} in the same transaction with what was written (the
     * ledger rows' ids when the rule asked for them): for events that name what the change wrote.
     */
    <T> T change(String sku, Function<StockPicture, T> rule, java.util.function.BiConsumer<T, StockChanges> written) {
        return transactions.execute(status -> jdbc.execute((ConnectionCallback<T>) c -> {
            StockPicture picture = load(c, sku);
            T result = rule.apply(picture);
            if (!picture.changes().isEmpty()) {
                store.write(c, picture.changes(), null);
                journalRise(c, sku, picture.changes());
                events.publishEvent(new StockChanged(sku, picture.changes().sellableRose()));
            }
            written.accept(result, picture.changes());
            return result;
        }));
    }

    /** Like {@link #change}, with every part of the given reservation loaded (and locked) too. */
    <T> T changeReservation(String sku, java.util.UUID reservationId, Function<StockPicture, T> rule) {
        return transactions.execute(status -> jdbc.execute((ConnectionCallback<T>) c -> {
            ItemFacts item = store.lockItem(c, sku);
            if (item == null) throw unknownSku(sku);
            StockPicture picture = store.picture(c, item, store.channelPools(c, null), List.of(reservationId), false,
                    clock.instant());
            T result = rule.apply(picture);
            if (!picture.changes().isEmpty()) {
                store.write(c, picture.changes(), null);
                journalRise(c, sku, picture.changes());
                events.publishEvent(new StockChanged(sku, picture.changes().sellableRose()));
            }
            return result;
        }));
    }

    /**
     * Units that may have become sellable (an upward count, a passed inspection) leave a journal
     * row in this transaction, as an engine batch does: the backorder fill that the event wakes in
     * memory is then also found by {@code order.CatchingUpOnReleasedStock} after a crash.
     */
    private void journalRise(java.sql.Connection c, String sku, StockChanges changes) throws java.sql.SQLException {
        if (changes.sellableRose()) store.journal(c, sku, changes.now(), true);
    }

    /** A consistent read without taking the lock. */
    <T> T read(String sku, Function<StockPicture, T> query) {
        return jdbc.execute((ConnectionCallback<T>) c -> {
            ItemFacts item = store.readItem(c, sku);
            if (item == null) throw unknownSku(sku);
            return query.apply(store.picture(c, item, store.channelPools(c, null), List.of(), false, clock.instant()));
        });
    }

    /**
     * {@link #read} for many SKUs on one connection, the channel pools loaded once; SKUs the
     * inventory does not know are left out of the answer.
     */
    <T> Map<String, T> readEach(Collection<String> skus, Function<StockPicture, T> query) {
        return jdbc.execute((ConnectionCallback<Map<String, T>>) c -> {
            List<StockPicture.ChannelPool> pools = store.channelPools(c, null);
            Map<String, T> answers = new LinkedHashMap<>();
            for (String sku : skus) {
                ItemFacts item = store.readItem(c, sku);
                if (item == null) continue;
                answers.put(sku, query.apply(store.picture(c, item, pools, List.of(), false, clock.instant())));
            }
            return answers;
        });
    }

    private StockPicture load(Connection c, String sku) throws java.sql.SQLException {
        ItemFacts item = store.lockItem(c, sku);
        if (item == null) throw unknownSku(sku);
        return store.picture(c, item, store.channelPools(c, null), List.of(), true, clock.instant());
    }

    /** For changes that name a SKU but do not move stock (inbounds, protections). */
    void requireKnown(String sku) {
        Integer known = jdbc.queryForObject("select count(*) from inventory_item where sku = ?", Integer.class, sku);
        if (known == null || known == 0) throw unknownSku(sku);
    }

    static NotFoundException unknownSku(String sku) {
        return new NotFoundException("No product with SKU '" + sku + "'.");
    }
}
