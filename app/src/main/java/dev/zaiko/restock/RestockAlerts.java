package dev.zaiko.restock;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/** Reading the alert queues (what the console and purchasing see), and subscribing for the shop. */
@Service
public class RestockAlerts {

    /** The most one list answers. */
    public static final int MAX_LIST = 1000;

    private final AlertStore store;
    private final SubscribingToRestockAlerts subscribing;

    RestockAlerts(AlertStore store, SubscribingToRestockAlerts subscribing) {
        this.store = store;
        this.subscribing = subscribing;
    }

    /**
     * The shop's own systems subscribe a customer they vouch for (waiting at once, no confirmation
     * email), as {@code POST /api/restock-alerts} does. Subscribing again keeps the place in line.
     */
    public RestockAlert subscribe(String sku, String channel, String email, String locale) {
        return subscribing.subscribeForShop(sku, channel, email, locale, null);
    }

    /** Subscriptions in queue order (per SKU and channel, first in line first); any filter may be null. */
    public List<RestockAlert> list(String sku, String channel, RestockAlertStatus status) {
        return store.list(sku, channel, status, MAX_LIST);
    }

    public Optional<RestockAlert> find(UUID id) {
        return store.find(id).map(AlertStore.Row::alert);
    }

    /** The demand per SKU and channel, the longest queues first; {@code sku} null for every SKU. */
    public List<RestockQueue> queues(String sku) {
        return store.queues(sku);
    }
}
