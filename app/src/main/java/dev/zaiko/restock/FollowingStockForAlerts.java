package dev.zaiko.restock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.zaiko.inventory.StockChanged;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.FoldingWorker;
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

    private final FoldingWorker worker;

    /** How long a SKU found without any queue is not looked at again when its stock only falls. */
    static final long QUIET_FOR_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** SKUs a look found without any queue, and until when (System.nanoTime) their falls are not looked at. */
    private final Map<String, Long> quiet = new ConcurrentHashMap<>();
    private final AtomicLong looks = new AtomicLong();

    FollowingStockForAlerts(NotifyingRestockAlerts notifying) {
        this.worker = new FoldingWorker("zaiko-restock-alerts", "notify the restock alerts", sku -> {
            looks.incrementAndGet();
            if (notifying.notifyAll(sku) < 0) {
                quiet.put(sku, System.nanoTime() + QUIET_FOR_NANOS);
            } else {
                quiet.remove(sku);
            }
        });
    }

    /**
     * Only hands the SKU over, after the announcer's commit: never blocks, never throws into the
     * announcer. A fall of a SKU nobody waits for (no queue, as a look found within the last
     * {@link #QUIET_FOR_NANOS}) is not looked at: in a flash sale every reservation batch is a fall,
     * and most SKUs have no queue. A rise is always looked at; a subscription here looks at once and
     * forgets the SKU's quiet; one made on another instance is seen by this one within that time (until
     * then, a fall here caps nothing: fewer notices, never more).
     */
    @EventListener
    void on(StockChanged event) {
        if (!event.sellableMayHaveRisen()) {
            Long until = quiet.get(event.sku());
            if (until != null && System.nanoTime() - until < 0) return;
        }
        AfterCommit.run(() -> handOver(event.sku()));
    }

    /** A look at the SKU's queues after the caller's commit (a new or confirmed subscription). */
    void look(String sku) {
        quiet.remove(sku);
        AfterCommit.run(() -> handOver(sku));
    }

    /** How many looks ran since the start (what a test counts). */
    long looks() {
        return looks.get();
    }

    private void handOver(String sku) {
        worker.handOver(sku);
    }

    /** True when no look is waiting or running (what tests wait for, with a bound). */
    boolean idle() {
        return worker.idle();
    }

    @Override
    public void destroy() {
        worker.close();
    }
}
