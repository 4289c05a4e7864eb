package dev.zaiko.catalog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records every {@link ProductChanged} and whether it arrived inside a transaction. A plain
 * component (not a test configuration) so that the application's component scan picks it up
 * and every test shares one Spring context, hence one embedded PostgreSQL.
 * A product whose SKU starts with {@code REFUSED-} makes the listener fail, standing in for an
 * inventory module that cannot store its copy.
 */
@Component
class ProductEventProbe {

    static final String REFUSED_PREFIX = "REFUSED-";

    record Received(ProductChanged event, boolean inTransaction) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @EventListener
    void on(ProductChanged event) {
        received.add(new Received(event, TransactionSynchronizationManager.isActualTransactionActive()));
        if (event.sku().startsWith(REFUSED_PREFIX)) {
            throw new IllegalStateException("listener refuses " + event.sku());
        }
    }

    List<Received> about(String sku) {
        return received.stream().filter(r -> r.event().sku().equals(sku)).toList();
    }
}
