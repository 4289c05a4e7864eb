package dev.zaiko.stockout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import dev.zaiko.platform.AfterCommit;
import org.springframework.context.event.EventListener;

/**
 * Records every committed {@link StockoutDecided} and {@link RefundRequested}, as the refund and
 * contact modules will receive them (a decision rolled back publishes nothing that sticks).
 */
@Component
class StockoutEventProbe {

    private final List<StockoutDecided> decided = new CopyOnWriteArrayList<>();
    private final List<RefundRequested> refunds = new CopyOnWriteArrayList<>();

    @EventListener
    void on(StockoutDecided event) {
        AfterCommit.run(() -> decided.add(event));
    }

    @EventListener
    void on(RefundRequested event) {
        AfterCommit.run(() -> refunds.add(event));
    }

    List<StockoutDecided> decided(String orderNumber) {
        return decided.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }

    List<RefundRequested> refunds(String orderNumber) {
        return refunds.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }
}
