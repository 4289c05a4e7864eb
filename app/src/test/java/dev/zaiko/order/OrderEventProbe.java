package dev.zaiko.order;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.zaiko.platform.AfterCommit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records every committed {@link OrderLineShort}, {@link BackorderAged} and {@link OrderPlaced}, as the stockout module
 * receives them (after the commit by hand: a {@code @TransactionalEventListener} would be recorded
 * in the event registry for every event, which drains the pool under the concurrency tests). A plain component so the application's scan picks it up and all tests share one
 * context.
 */
@Component
class OrderEventProbe {

    private final List<OrderLineShort> received = new CopyOnWriteArrayList<>();
    private final List<BackorderAged> aged = new CopyOnWriteArrayList<>();
    private final List<OrderPlaced> placed = new CopyOnWriteArrayList<>();

    @EventListener
    void on(OrderLineShort event) {
        AfterCommit.run(() -> received.add(event));
    }

    @EventListener
    void on(BackorderAged event) {
        AfterCommit.run(() -> aged.add(event));
    }

    @EventListener
    void on(OrderPlaced event) {
        AfterCommit.run(() -> placed.add(event));
    }

    /** Every committed {@link OrderPlaced} of the order (shown form). */
    List<OrderPlaced> placed(String orderNumber) {
        return placed.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }

    List<OrderPlaced> placedOfSku(String sku) {
        return placed.stream().filter(e -> e.lines().stream().anyMatch(l -> l.sku().equals(sku))).toList();
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
