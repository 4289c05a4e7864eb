package dev.zaiko.order;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.zaiko.inventory.FollowingStockChanges;
import dev.zaiko.platform.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fills the backorders of every SKU whose sellable stock may have risen in a reservation engine
 * batch, read from the inventory's stock change journal ({@link FollowingStockChanges}), so that a
 * release whose in-memory hand-over to {@link FillingBackorders} was lost (the process died right
 * after the batch committed) still fills the lines waiting for its units, without waiting for the
 * SKU's next stock change.
 * <p>
 * Runs as the durable job {@value #TASK} (every {@code zaiko.orders.stock-changes-follow-every},
 * once across instances) and once at every start. A run reads the journal after the order
 * module's own cursor ({@code orders_stock_change_cursor}), fills, in {@link WaitingLines} order and
 * under each SKU's backorder lock, the SKUs that have BACKORDERED lines, and only then moves the
 * cursor: a crash in the middle leaves the cursor where it was and the next run fills again (a fill
 * that finds nothing to do does nothing). With nothing journaled since the cursor a run is one
 * read and no write. The in-memory hand-over stays the fast path; this is the guarantee.
 */
@Component
class CatchingUpOnReleasedStock {

    static final String TASK = "order-backorders-stock-changes";

    private static final Logger log = LoggerFactory.getLogger(CatchingUpOnReleasedStock.class);

    private final FollowingStockChanges journal;
    private final OrderStore store;
    private final WaitingLines lines;
    private final Clock clock;
    private final ObjectProvider<JobScheduler> jobs;

    CatchingUpOnReleasedStock(FollowingStockChanges journal, OrderStore store, WaitingLines lines, Clock clock,
                              ObjectProvider<JobScheduler> jobs) {
        this.journal = journal;
        this.store = store;
        this.lines = lines;
        this.clock = clock;
        this.jobs = jobs;
    }

    /**
     * One run: outside any transaction (each fill commits line by line, the journal is read before
     * anything is written).
     *
     * @return the SKUs whose backorders it tried to fill
     */
    int catchUp() {
        long position = store.stockChangeCursor();
        FollowingStockChanges.Changes changes = journal.since(position);
        if (changes.skus().isEmpty()) return 0; // nothing journaled since the cursor: no write
        List<String> rose = changes.skus().stream().filter(FollowingStockChanges.ChangedSku::sellableMayHaveRisen)
                .map(FollowingStockChanges.ChangedSku::sku).toList();
        Set<String> waiting = store.withBackorders(rose);
        RuntimeException failed = null;
        for (String sku : waiting) {
            try {
                lines.fillExclusively(sku);
            } catch (RuntimeException e) {
                // the others are still filled; the cursor stays, so the next run tries this one again
                log.error("Could not fill the backorders of {} after a journaled stock change", sku, e);
                failed = e;
            }
        }
        if (failed != null) throw failed;
        store.moveStockChangeCursor(changes.next(), clock.instant());
        if (!waiting.isEmpty()) {
            log.info("Backorders: {} SKU(s) with waiting lines filled after journaled stock changes", waiting.size());
        }
        return waiting.size();
    }

    /**
     * At every start, at once rather than at the job's next turn: a release journaled by a process
     * that died before its hand-over fills its backorders as soon as Zaiko is back.
     */
    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        JobScheduler scheduler = jobs.getIfAvailable();
        if (scheduler == null) return;
        if (!scheduler.runNow(TaskInstanceId.of(TASK, RecurringTask.INSTANCE))) {
            log.debug("Job {} is running elsewhere or not scheduled yet; it runs at its next turn", TASK);
        }
    }
}
