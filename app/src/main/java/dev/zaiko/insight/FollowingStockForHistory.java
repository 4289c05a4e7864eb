package dev.zaiko.insight;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.zaiko.inventory.StockChanged;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.FoldingWorker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every committed stock change of a SKU makes insight look at the SKU on every channel and record
 * today's row ({@link StockDays}), on a worker of its own: the announcer (often the reservation
 * engine's thread) never waits. Changes that arrive while a look waits to start are folded into it,
 * and a SKU is looked at most once per {@link #AT_MOST_EVERY_NANOS}: a change sooner than that is
 * looked at once the time is up, so the last state of a burst is always recorded (a dip to 0 and back
 * within that second may be missed).
 * <p>
 * The hand-over lives in memory; the daily job ({@link InsightJobs}) records every SKU once a day,
 * which heals a crash or a failed look.
 */
@Component
class FollowingStockForHistory implements DisposableBean {

    static final long AT_MOST_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FoldingWorker worker;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zaiko-insight-stock-later");
        t.setDaemon(true);
        return t;
    });
    /** When (System.nanoTime) each SKU was last handed to the worker. */
    private final Map<String, Long> lastLook = new ConcurrentHashMap<>();
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();

    FollowingStockForHistory(StockDays days) {
        this.worker = new FoldingWorker("zaiko-insight-stock", "record the stock history", days::look);
    }

    /** Only hands the SKU over after the announcer's commit: never blocks, never throws into it. */
    @EventListener
    void on(StockChanged event) {
        AfterCommit.run(() -> handOver(event.sku()));
    }

    private void handOver(String sku) {
        long now = System.nanoTime();
        Long last = lastLook.get(sku);
        long wait = last == null ? 0 : AT_MOST_EVERY_NANOS - (now - last);
        if (wait <= 0) {
            lastLook.put(sku, now);
            worker.handOver(sku);
            return;
        }
        if (!deferred.add(sku)) return; // a look is already due once the time is up
        try {
            later.schedule(() -> {
                deferred.remove(sku);
                lastLook.put(sku, System.nanoTime());
                worker.handOver(sku);
            }, wait, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            deferred.remove(sku); // shutting down: the daily job records the day
        }
    }

    /** True when no look is due, waiting or running (what tests wait for, with a bound). */
    boolean idle() {
        return deferred.isEmpty() && worker.idle();
    }

    @Override
    public void destroy() {
        later.shutdownNow();
        worker.close();
    }
}
