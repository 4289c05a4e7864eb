package dev.zaiko.refund;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.zaiko.payment.ManualTask;
import dev.zaiko.payment.ManualTasks;
import dev.zaiko.shop.BusinessDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person carried out a refund or payout by hand in the provider's dashboard (or the shop's bank)
 * and confirms it with the provider's reference. In one transaction, under the refund's lock (the
 * lock {@link CompletingRefunds} takes before it records a pending answer): the task is confirmed,
 * the refund goes from AWAITING_CONFIRMATION back to REQUESTED with the dates from today, and an
 * attempt is scheduled; that attempt asks the gateway with the refund's key, gets the settled
 * receipt, and completes the refund the normal way (RefundCompleted, the customer's email).
 * <p>
 * Exactly once: a second confirmation with the same reference changes nothing, one with another
 * reference is refused ({@code manual-task-already-confirmed}), and the completion itself happens
 * only from PROCESSING under the refund's lock.
 */
@Service
public class ConfirmingManualRefunds {

    private static final Logger log = LoggerFactory.getLogger(ConfirmingManualRefunds.class);

    private final ManualTasks tasks;
    private final ManualRefundTasks views;
    private final RefundStore store;
    private final RequestingRefunds requesting;
    private final BusinessDays calendar;
    private final TransactionTemplate tx;
    private final Clock clock;

    ConfirmingManualRefunds(ManualTasks tasks, ManualRefundTasks views, RefundStore store,
                            RequestingRefunds requesting, BusinessDays calendar,
                            PlatformTransactionManager transactions, Clock clock) {
        this.tasks = tasks;
        this.views = views;
        this.store = store;
        this.requesting = requesting;
        this.calendar = calendar;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * @param task             the task as it is now
     * @param alreadyConfirmed true when it had been confirmed before with the same reference: nothing changed
     */
    public record Confirmed(ManualRefundTasks.TaskView task, boolean alreadyConfirmed) {
    }

    /**
     * @param actor who confirms, as the audit trail names them ({@code user:sato}, {@code token:ops})
     * @throws dev.zaiko.platform.NotFoundException     no such task
     * @throws dev.zaiko.platform.InvalidRequestException {@code invalid-reference}, field {@code reference}
     * @throws dev.zaiko.platform.ConflictException      {@code manual-task-already-confirmed} with another reference
     */
    public Confirmed confirm(UUID taskId, String reference, String actor, Locale locale) {
        return tx.execute(t -> {
            ManualTask task = tasks.find(taskId).orElseThrow(() -> ManualTasks.noTask(taskId));
            // the refund's lock first, then the task's: the same order as the attempt that records a pending answer
            Optional<Refund> refund = store.byGatewayKey(task.idempotencyKey()).flatMap(store::lock);
            ManualTasks.Confirmation confirmation = tasks.confirm(taskId, reference, actor);
            ManualTask confirmed = confirmation.confirmed();
            if (!confirmation.already() && refund.isPresent()
                    && refund.get().status() == RefundStatus.AWAITING_CONFIRMATION) {
                Refund r = refund.get();
                Instant now = clock.instant();
                store.changeStatus(r.id(), RefundStatus.AWAITING_CONFIRMATION, RefundStatus.REQUESTED, r.route(),
                        actor, RefundNotes.confirmedByHand(confirmed.confirmedReference()), now);
                LocalDate today = LocalDate.ofInstant(now, clock.getZone());
                store.expected(r.id(), calendar.plusBusinessDays(today, r.route().fromDays()),
                        calendar.plusBusinessDays(today, r.route().toDays()));
                requesting.scheduleAttempt(r.id(), now);
            }
            if (!confirmation.already()) {
                log.info("Manual payment task {} ({} of {} {}) confirmed by {} with reference {}", taskId,
                        confirmed.operation(), confirmed.amount(), confirmed.currency(), actor,
                        confirmed.confirmedReference());
            }
            return new Confirmed(views.view(confirmed, refund.flatMap(r -> store.find(r.id())).orElse(null), locale),
                    confirmation.already());
        });
    }
}
