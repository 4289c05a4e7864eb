package dev.zaiko.stockout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Records every committed {@link StockoutDecided} and {@link RefundRequested}, as the refund and
 * contact modules will receive them (a decision rolled back publishes nothing that sticks).
 */
@Component
class StockoutEventProbe {

    private final List<StockoutDecided> decided = new CopyOnWriteArrayList<>();
    private final List<RefundRequested> refunds = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(fallbackExecution = true)
    void on(StockoutDecided event) {
        decided.add(event);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(RefundRequested event) {
        refunds.add(event);
    }

    List<StockoutDecided> decided(String orderNumber) {
        return decided.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }

    List<RefundRequested> refunds(String orderNumber) {
        return refunds.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }
}
