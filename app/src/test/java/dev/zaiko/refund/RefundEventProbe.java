package dev.zaiko.refund;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records the refund module's events as the contact module will hear them. */
@Component
class RefundEventProbe {

    private final List<BankAccountRequested> accountRequests = new CopyOnWriteArrayList<>();
    private final List<RefundNeedsAttention> attention = new CopyOnWriteArrayList<>();

    @EventListener
    void on(BankAccountRequested event) {
        accountRequests.add(event);
    }

    @EventListener
    void on(RefundNeedsAttention event) {
        attention.add(event);
    }

    List<BankAccountRequested> accountRequests(String orderNumber) {
        return accountRequests.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }

    List<RefundNeedsAttention> attention(String orderNumber) {
        return attention.stream().filter(e -> e.orderNumber().equals(orderNumber)).toList();
    }
}
