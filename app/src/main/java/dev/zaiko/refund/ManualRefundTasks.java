package dev.zaiko.refund;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.zaiko.payment.ManualTask;
import dev.zaiko.payment.ManualTasks;
import org.springframework.stereotype.Service;

/**
 * The refunds staff carry out by hand (the manual route, docs/refunds.md): each task of the
 * {@link dev.zaiko.payment.ManualGateway} with what to do in words ({@code refund.manual.*} in
 * the message bundles) and the refund it belongs to. A payout's bank account is masked here.
 */
@Service
public class ManualRefundTasks {

    public static final int LIMIT = 200;

    private final ManualTasks tasks;
    private final RefundStore store;
    private final RefundTexts texts;

    ManualRefundTasks(ManualTasks tasks, RefundStore store, RefundTexts texts) {
        this.tasks = tasks;
        this.store = store;
        this.texts = texts;
    }

    /**
     * One task as staff read it.
     *
     * @param instruction  what to do, in the reader's language
     * @param payee        a payout's bank account, masked; null for a void or refund
     * @param refundStatus the refund's status: AWAITING_CONFIRMATION until confirmed, then on to COMPLETED
     */
    public record TaskView(UUID id, String status, String operation, String method, String orderNumber,
                           String paymentReference, long amount, String currency, String payee, String instruction,
                           UUID refundId, String refundStatus, String refundStatusText, String route,
                           Instant createdAt, String confirmedReference, String confirmedBy, Instant confirmedAt) {
    }

    /** @param status null for every task; oldest first, at most {@value #LIMIT} */
    public List<TaskView> list(ManualTask.Status status, Locale locale) {
        List<ManualTask> found = tasks.list(status, LIMIT);
        Map<String, Refund> refunds = store.byGatewayKeys(found.stream().map(ManualTask::idempotencyKey).toList());
        return found.stream().map(t -> view(t, refunds.get(t.idempotencyKey()), locale)).toList();
    }

    /** @throws dev.zaiko.platform.NotFoundException no such task */
    public TaskView get(UUID id, Locale locale) {
        ManualTask t = tasks.find(id).orElseThrow(() -> ManualTasks.noTask(id));
        return view(t, store.byGatewayKeys(List.of(t.idempotencyKey())).get(t.idempotencyKey()), locale);
    }

    TaskView view(ManualTask t, Refund r, Locale locale) {
        String order = t.orderNumber() != null ? t.orderNumber() : r == null ? null : r.orderNumber();
        return new TaskView(t.id(), t.status().name(), t.operation(), t.method(), order, t.paymentReference(),
                t.amount(), t.currency(), t.payeeMasked(), texts.manualInstruction(t, order, locale),
                r == null ? null : r.id(), r == null ? null : r.status().name(),
                r == null ? null : texts.status(r.status(), locale), r == null ? null : r.route().name(),
                t.createdAt(), t.confirmedReference(), t.confirmedBy(), t.confirmedAt());
    }
}
