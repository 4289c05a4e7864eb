package dev.zaiko.restock;

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

    FollowingStockForAlerts(NotifyingRestockAlerts notifying) {
        this.worker = new FoldingWorker("zaiko-restock-alerts", "notify the restock alerts", notifying::notifyAll);
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
