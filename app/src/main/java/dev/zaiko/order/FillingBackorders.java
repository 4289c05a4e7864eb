package dev.zaiko.order;

import dev.zaiko.inventory.StockChanged;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.FoldingWorker;

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

    private final FoldingWorker worker;

    FillingBackorders(WaitingLines lines) {
        this.worker = new FoldingWorker("zaiko-backorder-fill", "fill the backorders", lines::fillExclusively);
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
        worker.handOver(sku);
    }

    /** True when no fill is waiting or running (what tests wait for, with a bound). */
    boolean idle() {
        return worker.idle();
    }

    @Override
    public void destroy() {
        worker.close();
    }
}
