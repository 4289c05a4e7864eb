package dev.zaiko.order;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Records every committed {@link OrderLineShort} and {@link BackorderAged}, as the stockout module
 * receives them. A plain component so the application's scan picks it up and all tests share one
 * context.
 */
@Component
class OrderEventProbe {

    private final List<OrderLineShort> received = new CopyOnWriteArrayList<>();
    private final List<BackorderAged> aged = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(fallbackExecution = true)
    void on(OrderLineShort event) {
        received.add(event);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(BackorderAged event) {
        aged.add(event);
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
