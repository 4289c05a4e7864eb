package dev.zaiko.restock;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zaiko.inventory.StockChanged;
import dev.zaiko.platform.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every committed stock change of a SKU makes the module look at its alert queues, on a worker of its
 * own (the announcer, often the reservation engine's thread, must not wait): a rise may owe notices,
 * a fall caps the round's notices ({@link NotifyingRestockAlerts}). Changes of one SKU that arrive
 * while its look is still waiting to start are folded into it; one that arrives once it started asks
 * for another, so nothing that happens during a look is missed.
 * <p>
 * This hand-over lives in memory; the durable job ({@link RestockJobs}) looks at every queue with
 * people waiting every {@code zaiko.restock.catch-up-every}, which heals a crash or a failed look.
 */
@Component
class FollowingStockForAlerts implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FollowingStockForAlerts.class);

    private final NotifyingRestockAlerts notifying;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zaiko-restock-alerts");
        t.setDaemon(true);
        return t;
    });

    FollowingStockForAlerts(NotifyingRestockAlerts notifying) {
        this.notifying = notifying;
    }

    /** Only hands the SKU over, after the announcer's commit: never blocks, never throws into the announcer. */
    @EventListener
    void on(StockChanged event) {
        AfterCommit.run(() -> handOver(event.sku()));
    }

    /** A look at the SKU's queues after the caller's commit (a new or confirmed subscription). */
    void look(String sku) {
        AfterCommit.run(() -> handOver(sku));
    }

    private void handOver(String sku) {
        if (!waiting.add(sku)) return;
        unfinished.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    waiting.remove(sku);
                    notifying.notifyAll(sku);
                } catch (RuntimeException e) {
                    log.error("Could not notify the restock alerts of {} after its stock changed", sku, e);
                } finally {
                    unfinished.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            waiting.remove(sku);
            unfinished.decrementAndGet();
            log.warn("Shutting down: the restock alerts of {} are looked at by the next catch-up", sku);
        }
    }

    /** True when no look is waiting or running (what tests wait for, with a bound). */
    boolean idle() {
        return unfinished.get() == 0;
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) worker.shutdownNow();
    }
}
