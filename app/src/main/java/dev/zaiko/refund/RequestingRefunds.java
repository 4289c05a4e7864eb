package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.zaiko.inventory.ChannelKind;
import dev.zaiko.inventory.StockNetwork;
import dev.zaiko.order.Order;
import dev.zaiko.order.OrderNumber;
import dev.zaiko.order.Orders;
import dev.zaiko.platform.AfterCommit;
import dev.zaiko.platform.JobScheduler;
import dev.zaiko.shop.BusinessDays;
import dev.zaiko.stockout.RefundRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a request for money back into refunds: one per part of the payment it gives back
 * ({@link SplittingRefund}), each on the route the shop's rules give it ({@link RefundRoutes}),
 * all in one transaction under the order's refund lock. Exactly once per (order, line, cause): a
 * request already there is answered with what it created, so a duplicate event, a retried
 * request or a second instance hearing the same event changes nothing.
 */
@Service
public class RequestingRefunds {

    private static final Logger log = LoggerFactory.getLogger(RequestingRefunds.class);

    private final RefundStore store;
    private final Orders orders;
    private final StockNetwork network;
    private final SchedulerClient scheduler;
    /** Looked up when needed: the scheduler is built from every job, this module's among them. */
    private final ObjectProvider<JobScheduler> jobs;
    private final BusinessDays calendar;
    private final RefundProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** The connector module, when built in: a connected marketplace's refunds wait for its cancellation. */
    private final ObjectProvider<MarketplaceCancellations> cancellations;

    RequestingRefunds(RefundStore store, Orders orders, StockNetwork network, SchedulerClient scheduler,
                      ObjectProvider<JobScheduler> jobs, BusinessDays calendar, RefundProperties properties,
                      ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock,
                      ObjectProvider<MarketplaceCancellations> cancellations) {
        this.cancellations = cancellations;
        this.store = store;
        this.orders = orders;
        this.network = network;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.calendar = calendar;
        this.properties = properties;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The stockout module asks; the event registry runs this again until it completes. */
    @ApplicationModuleListener(id = "refund.request-on-stockout-decision")
    void on(RefundRequested event) {
        request(event);
    }

    /**
     * The shipping fee first, then the line: both in one transaction, so how they are split over
     * the payment never depends on which arrives first, and when the whole order goes back the
     * coupon comes back whole.
     *
     * @return the refunds for the request, created now or before
     */
    public List<Refund> request(RefundRequested r) {
        String number = OrderNumber.parse(r.orderNumber()).toString();
        return tx.execute(t -> {
            store.lockOrder(number);
            List<Refund> out = new ArrayList<>();
            List<String> awaiting = new ArrayList<>();
            if (r.shippingFee() > 0) {
                out.addAll(request(number, r, 0, RefundRequested.SHIPPING_FEE, r.shippingFee(), awaiting));
            }
            if (r.amount() > 0) out.addAll(request(number, r, r.lineNo(), r.cause(), r.amount(), awaiting));
            if (!awaiting.isEmpty()) askTheMarketplace(number, r, awaiting);
            // also when nothing was split off: the follow-up waits for this word either way
            if (r.caseId() != null) {
                events.publishEvent(new RefundsRecorded(r.caseId(), number,
                        out.stream().map(x -> x.id().toString()).toList(), clock.instant()));
            }
            return out;
        });
    }

    /**
     * Under the order's refund lock.
     *
     * @param awaiting collects the ids of marketplace refunds created to wait for the platform's cancellation
     */
    private List<Refund> request(String number, RefundRequested r, int lineNo, String reason, long amount,
                                 List<String> awaiting) {
        if (store.requested(number, lineNo, reason)) {
            log.info("Refund for order {} line {} ({}) was requested before; nothing new", number, lineNo, reason);
            return existing(number, lineNo, reason);
        }
        Order order = orders.get(OrderNumber.parse(number));
        boolean marketplace = network.findChannel(order.channel())
                .map(c -> c.kind() == ChannelKind.MARKETPLACE).orElse(false);
        PaymentFacts payment = PaymentFacts.of(order, marketplace);
        List<SplittingRefund.Part> parts = SplittingRefund.split(amount, payment.paid(),
                store.requestedByMeans(number));
        Instant now = clock.instant();
        List<UUID> toAttempt = new ArrayList<>();
        for (SplittingRefund.Part part : parts) {
            Route route = RefundRoutes.route(payment, part.means());
            UUID id = UUID.randomUUID();
            Asked asked = new Asked(id, number, lineNo, reason, r, part);
            if (route.settlement() == Route.Settlement.AWAIT_ACCOUNT || route == Route.BANK_TRANSFER) {
                if (store.account(number).isPresent()) {
                    // the customer gave an account for this order before: it is used again
                    store.insert(refund(asked, Route.BANK_TRANSFER, RefundStatus.REQUESTED, order, now, null),
                            "system", RefundNotes.requestedToRegisteredAccount(reason));
                    toAttempt.add(id);
                } else {
                    Instant deadline = now.plus(properties.accountDeadline());
                    store.insert(refund(asked, route, RefundStatus.AWAITING_ACCOUNT, order, now, deadline), "system",
                            RefundNotes.requestedAwaitingAccount(reason, deadline, clock.getZone()));
                    events.publishEvent(new BankAccountRequested(id.toString(), r.caseId(), number, route.name(),
                            part.amount(), deadline, false, order.customer().locale(), now));
                }
            } else if (route == Route.MARKETPLACE && platformCancels(order, r)) {
                // the platform is told of the cancellation; the refund is under way until it answers
                store.insert(refund(asked, route, RefundStatus.REQUESTED, order, now, null), "system",
                        RefundNotes.requested(reason));
                store.changeStatus(id, RefundStatus.REQUESTED, RefundStatus.PROCESSING, route, "system",
                        RefundNotes.marketplaceAsked(), now);
                awaiting.add(id.toString());
            } else if (route.settlement() == Route.Settlement.NONE) {
                Refund created = refund(asked, route, RefundStatus.REQUESTED, order, now, null);
                store.insert(created, "system", RefundNotes.requested(reason));
                store.changeStatus(id, RefundStatus.REQUESTED, RefundStatus.COMPLETED, route, "system",
                        route == Route.MARKETPLACE ? RefundNotes.marketplaceGivesItBack() : RefundNotes.nothingWasPaid(),
                        now);
                store.completed(id, null, java.util.Map.of(), now);
                events.publishEvent(new RefundCompleted(id.toString(), number, lineNo, reason, part.means().name(),
                        route.name(), part.amount(), created.expectedBy(), now));
            } else {
                store.insert(refund(asked, route, RefundStatus.REQUESTED, order, now, null), "system",
                        RefundNotes.requested(reason));
                toAttempt.add(id);
            }
            log.info("Refund {} for order {} line {} ({}): {} yen of {} by {}", id, number, lineNo, reason,
                    part.amount(), part.means(), route);
        }
        toAttempt.forEach(id -> scheduleAttempt(id, now));
        return existing(number, lineNo, reason);
    }

    /** A cancellation of a connected marketplace's line (not a cheaper substitute: the line stays). */
    private boolean platformCancels(Order order, RefundRequested r) {
        if (!RefundRequested.LINE_CANCELLED.equals(r.cause())
                && !RefundRequested.MISSING_UNITS_CANCELLED.equals(r.cause())) {
            return false;
        }
        MarketplaceCancellations port = cancellations.getIfAvailable();
        return port != null && port.cancelsOnThePlatform(order.channel());
    }

    private void askTheMarketplace(String number, RefundRequested r, List<String> awaiting) {
        Order order = orders.get(OrderNumber.parse(number));
        Order.Line line = order.lines().stream().filter(l -> l.lineNo() == r.lineNo()).findFirst()
                .orElseThrow(() -> new IllegalStateException("Order " + number + " has no line " + r.lineNo()));
        events.publishEvent(new MarketplaceCancellationAsked(number, order.channel(), order.externalRef(),
                r.lineNo(), line.sku(), line.quantity(), r.cause(), awaiting, clock.instant(), line.externalLineRef(),
                order.unitsKeptOnPlatformLine(r.lineNo())));
        log.info("Refunds {} of order {} line {} wait for the marketplace to cancel the line", awaiting, number,
                r.lineNo());
    }

    private record Asked(UUID id, String number, int lineNo, String reason, RefundRequested request,
                         SplittingRefund.Part part) {
    }

    /** Runs an attempt of the refund as a durable job, due at {@code at}; joins the caller's transaction. */
    void scheduleAttempt(UUID id, Instant at) {
        scheduler.scheduleIfNotExists(RefundJobs.ATTEMPT.instance(id.toString()).scheduledTo(at));
        if (!at.isAfter(clock.instant())) AfterCommit.run(() -> jobs.ifAvailable(JobScheduler::checkForDueExecutions));
    }

    private Refund refund(Asked a, Route route, RefundStatus status, Order order, Instant now, Instant deadline) {
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        LocalDate from = null;
        LocalDate by = null;
        if (deadline != null && route == Route.KONBINI) {
            // the gift balance is credited at the deadline unless an account comes before
            from = LocalDate.ofInstant(deadline, clock.getZone());
            by = from;
        } else if (deadline == null) {
            from = calendar.plusBusinessDays(today, route.fromDays());
            by = calendar.plusBusinessDays(today, route.toDays());
        }
        Instant reminder = deadline == null ? null : deadline.minus(properties.reminderBefore());
        RefundRequested r = a.request();
        return new Refund(a.id(), a.number(), a.lineNo(), a.reason(), a.part().means(), route, a.part().amount(),
                r.currency() == null ? "JPY" : r.currency(), status, r.caseId(), order.customer().locale(), now, from,
                by, deadline, reminder, null, 0, null, null, false, a.id().toString(), null, null, null, null);
    }

    private List<Refund> existing(String number, int lineNo, String reason) {
        return store.ofOrder(number).stream().filter(x -> x.lineNo() == lineNo && x.reason().equals(reason)).toList();
    }
}
