package dev.zaiko.deal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.zaiko.catalog.Product;
import dev.zaiko.catalog.Products;
import dev.zaiko.inventory.Channel;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.platform.ConflictException;
import dev.zaiko.platform.InvalidRequestException;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans deals, changes or cancels them while PLANNED, and reads them ({@link Deals}). Planning
 * schedules the deal's start and end timers (durable jobs, {@link DealJobs}) in the same
 * transaction, so a deal exists exactly when its timers do.
 */
@Service
class PlanningDeals implements Deals {

    private static final Logger log = LoggerFactory.getLogger(PlanningDeals.class);

    private final DealStore store;
    private final Products products;
    private final StockNetwork network;
    private final SchedulerClient scheduler;
    private final ObjectProvider<JobScheduler> jobs;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final StartingDeals starting;

    PlanningDeals(DealStore store, Products products, StockNetwork network, SchedulerClient scheduler,
                  ObjectProvider<JobScheduler> jobs, PlatformTransactionManager transactions, Clock clock,
                  StartingDeals starting) {
        this.starting = starting;
        this.store = store;
        this.products = products;
        this.network = network;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public Optional<Deal> find(String code) {
        return store.find(code).map(DealRow::deal);
    }

    @Override
    public Optional<Deal> bySetAside(UUID setAside) {
        return store.bySetAside(setAside).map(DealRow::deal);
    }

    DealRow require(String code) {
        return store.find(code).orElseThrow(() -> new NotFoundException("No deal '" + code + "'."));
    }

    /**
     * @throws InvalidRequestException a rule the plan breaks, naming the field
     * @throws ConflictException       {@code deal-exists}
     */
    DealRow plan(DealPlan plan) {
        DealRow row = checked(plan, null);
        tx.executeWithoutResult(t -> {
            if (!store.insert(row)) {
                throw new ConflictException("deal-exists", "A deal with code '" + row.code() + "' already exists; "
                        + "choose another code, or change that deal while it is planned.", Map.of("code", row.code()));
            }
            scheduleWindow(row);
        });
        log.info("Deal {} planned: {} unit(s) of {} on {} from {} to {}", row.code(), row.quantity(), row.sku(),
                row.channels(), row.startsAt(), row.endsAt());
        return row;
    }

    /**
     * @throws ConflictException {@code deal-not-planned} once it started (or was cancelled)
     */
    DealRow change(String code, DealPlan plan) {
        if (plan.code() != null && !plan.code().equals(code)) {
            throw new InvalidRequestException("invalid-request", "code '" + plan.code() + "' is not the code of the "
                    + "deal changed ('" + code + "'); a deal's code cannot change.", Map.of("field", "code"));
        }
        DealRow changed = tx.execute(t -> {
            DealRow current = store.lock(code).orElseThrow(() -> new NotFoundException("No deal '" + code + "'."));
            requirePlanned(current, "changed");
            DealRow row = checked(plan, current);
            store.replan(row);
            scheduleWindow(row);
            return row;
        });
        log.info("Deal {} changed: {} unit(s) of {} from {} to {}", code, changed.quantity(), changed.sku(),
                changed.startsAt(), changed.endsAt());
        return changed;
    }

    /** @throws ConflictException {@code deal-not-planned} once it started */
    DealRow cancel(String code) {
        tx.executeWithoutResult(t -> {
            DealRow current = store.lock(code).orElseThrow(() -> new NotFoundException("No deal '" + code + "'."));
            if (current.status() == DealStatus.CANCELLED) return;
            requirePlanned(current, "cancelled");
            store.status(code, DealStatus.CANCELLED);
        });
        starting.releaseUnrecordedSetAside(code);
        log.info("Deal {} cancelled", code);
        return require(code);
    }

    private static void requirePlanned(DealRow current, String what) {
        if (current.status() != DealStatus.PLANNED) {
            throw new ConflictException("deal-not-planned", "Deal " + current.code() + " is " + current.status()
                    + "; only a planned deal can be " + what + ". A running deal can be paused, resumed or ended.",
                    Map.of("code", current.code(), "dealStatus", current.status().name()));
        }
    }

    /**
     * One timer per edge and time: a changed deal gets new ones, and an old one that fires finds
     * the deal not due (or already started) and does nothing.
     */
    private void scheduleWindow(DealRow row) {
        scheduler.scheduleIfNotExists(DealJobs.START.instance(DealJobs.instanceId(row.code(), row.startsAt()))
                .scheduledTo(row.startsAt()));
        scheduler.scheduleIfNotExists(DealJobs.END.instance(DealJobs.instanceId(row.code(), row.endsAt()))
                .scheduledTo(row.endsAt()));
        if (!row.startsAt().isAfter(clock.instant()) && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    JobScheduler running = jobs.getIfAvailable();
                    if (running != null) running.checkForDueExecutions();
                }
            });
        }
    }

    private DealRow checked(DealPlan p, DealRow current) {
        if ("offers".equalsIgnoreCase(p.code().strip())) {
            throw invalid("code", "'offers' names the offers of a SKU (GET /api/deals/offers); choose another code.");
        }
        Product product = products.find(p.sku().strip()).orElseThrow(() -> invalid("sku", "No product with SKU '"
                + p.sku() + "'."));
        List<String> channels = List.copyOf(new LinkedHashSet<>(p.channels().stream().map(String::strip).toList()));
        for (String code : channels) {
            Channel channel = network.findChannel(code).orElseThrow(() -> invalid("channels", "No channel '" + code
                    + "'."));
            if (channel.kind() != ChannelKind.OWN) {
                throw invalid("channels", "Channel '" + code + "' is a marketplace: a marketplace runs its own time "
                        + "sales, and its orders never name a Zaiko deal. A deal sells on OWN channels only.");
            }
        }
        if (p.price() > product.price()) {
            throw invalid("price", "The deal price " + p.price() + " yen is above the regular price " + product.price()
                    + " yen of " + product.sku() + "; a deal sells for at most the regular price.");
        }
        if (!p.endsAt().isAfter(p.startsAt())) {
            throw invalid("endsAt", "endsAt " + p.endsAt() + " is not after startsAt " + p.startsAt() + ".");
        }
        Instant now = clock.instant();
        if (!p.endsAt().isAfter(now)) {
            throw invalid("endsAt", "endsAt " + p.endsAt() + " is in the past; a deal ends later than now.");
        }
        Instant created = current == null ? now : current.createdAt();
        return new DealRow(p.code().strip(), product.sku(), channels, p.price(), p.quantity(), p.startsAt(), p.endsAt(),
                p.memberSegment() == null || p.memberSegment().isBlank() ? null : p.memberSegment().strip(),
                p.perCustomerLimit(), DealStatus.PLANNED, null, null, created, null, null, false);
    }

    static InvalidRequestException invalid(String field, String detail) {
        return new InvalidRequestException("invalid-request", field + ": " + detail, Map.of("field", field));
    }
}
