package dev.zaiko.order;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Records every committed {@link OrderLineShort}, as the stockout module will receive them. A
 * plain component so the application's scan picks it up and all tests share one context.
 */
@Component
class OrderEventProbe {

    private final List<OrderLineShort> received = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(fallbackExecution = true)
    void on(OrderLineShort event) {
        received.add(event);
    }

    List<OrderLineShort> about(String orderNumber) {
        return received.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }

    List<OrderLineShort> ofSku(String sku) {
        return received.stream().filter(e -> e.sku().equals(sku)).toList();
    }
}
