package dev.zaiko.order;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records every committed {@link OrderLineShort} and {@link BackorderAged}, as the stockout module
 * receives them. A plain component so the application's scan picks it up and all tests share one
 * context.
 */
@Component
class OrderEventProbe {

    private final List<OrderLineShort> received = new CopyOnWriteArrayList<>();
    private final List<BackorderAged> aged = new CopyOnWriteArrayList<>();

    @EventListener
    void on(OrderLineShort event) {
        afterCommit(() -> received.add(event));
    }

    @EventListener
    void on(BackorderAged event) {
        afterCommit(() -> aged.add(event));
    }

    /**
     * Not a {@code @TransactionalEventListener}: the event registry would record this probe's every
     * event and complete it in two more transactions while the publisher still holds its connection,
     * which under the concurrency tests' load drains the pool. The same "after commit" by hand.
     */
    private static void afterCommit(Runnable record) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record.run();
            }
        });
    }

    /** Every committed {@link BackorderAged} so far, in the order they committed. */
    List<BackorderAged> aged() {
        return List.copyOf(aged);
    }

    List<OrderLineShort> about(String orderNumber) {
        return received.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }

    List<OrderLineShort> ofSku(String sku) {
        return received.stream().filter(e -> e.sku().equals(sku)).toList();
    }
}
