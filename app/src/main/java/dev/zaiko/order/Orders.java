package dev.zaiko.order;

import java.util.List;
import java.util.Optional;

import dev.zaiko.platform.NotFoundException;
import org.springframework.stereotype.Service;

/** Reading orders: what other modules call to learn about an order and its lines. */
@Service
public class Orders {

    private final OrderStore store;

    Orders(OrderStore store) {
        this.store = store;
    }

    public Optional<Order> find(OrderNumber number) {
        return store.find(number);
    }

    /**
     * Every order whose changes may owe the customer money ({@link Order#refundDue()}): a line
     * cancelled or replaced, units split off, the shipping fee given back. Ordered by number.
     */
    public List<OrderNumber> withRefundableChanges() {
        return store.withRefundableChanges();
    }

    /**
     * The open lines of these products: reserved and not shipped (ALLOCATED, PICKING) or
     * BACKORDERED, by SKU, then order time and line; one query however many SKUs.
     */
    public List<OpenLine> openLines(java.util.Collection<String> skus) {
        return skus.isEmpty() ? List.of() : store.openLines(skus);
    }

    /** @throws NotFoundException when there is no such order (404 in the API) */
    public Order get(OrderNumber number) {
        return find(number).orElseThrow(() -> new NotFoundException("No order " + number + "."));
    }
}
