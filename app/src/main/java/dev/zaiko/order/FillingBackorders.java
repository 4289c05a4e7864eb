package dev.zaiko.order;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zaiko.inventory.StockChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import dev.zaiko.platform.AfterCommit;

/**
 * Backordered lines are filled whenever a SKU's sellable stock may have grown, not only after an
 * inspection: a reservation released (an order cancelled), an upward count, a protection lifted.
 * Each of those announces {@link StockChanged} once it has committed (the reservation engine on
 * its own worker thread, after its batch; other stock changes after their transaction). The fill
 * runs later on a worker of its own, in {@link WaitingLines#fillExclusively} order (first come,
 * first served, B2B first when configured), because the announcer must not wait: the engine's
 * worker would otherwise wait for a reservation only it can decide.
 * <p>
 * Announcements of one SKU that arrive while its fill is still waiting to start are folded into
 * that fill; one that arrives once it has started asks for another, so stock that appears during
 * a fill is never missed. A failed fill is logged; the next change of the SKU tries again.
 * <p>
 * This hand-over lives in memory. For the reservation engine's batches (releases) it is backed by
 * {@link CatchingUpOnReleasedStock}, which fills from the inventory's stock change journal what a
 * crash right after a batch's commit kept from arriving here (and what a failed fill left).
 */
@Component
class FillingBackorders implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FillingBackorders.class);

    private final WaitingLines lines;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zaiko-backorder-fill");
        t.setDaemon(true);
        return t;
    });

    FillingBackorders(WaitingLines lines) {
        this.lines = lines;
    }

    /**
     * Only hands the SKU over, after the announcer's commit: never blocks, never throws into the
     * announcer. A plain listener that defers itself, not a {@code @TransactionalEventListener}:
     * those are recorded in the event publication registry, and this event comes with every
     * reservation batch; a lost hand-off of an engine batch is healed from the journal
     * ({@link CatchingUpOnReleasedStock}), any other by the next change of the SKU.
     */
    @EventListener
    void on(StockChanged event) {
        if (!event.sellableMayHaveRisen()) return; // a batch of reservations: nothing for the queue
        AfterCommit.run(() -> handOver(event.sku()));
    }

    private void handOver(String sku) {
        if (!waiting.add(sku)) return;
        unfinished.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    waiting.remove(sku);
                    lines.fillExclusively(sku);
                } catch (RuntimeException e) {
                    log.error("Could not fill the backorders of {} after its stock changed", sku, e);
                } finally {
                    unfinished.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            waiting.remove(sku);
            unfinished.decrementAndGet();
            log.warn("Shutting down: the backorders of {} are filled at the next change of its stock", sku);
        }
    }

    /** True when no fill is waiting or running (what tests wait for, with a bound). */
    boolean idle() {
        return unfinished.get() == 0;
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) worker.shutdownNow();
    }
}
