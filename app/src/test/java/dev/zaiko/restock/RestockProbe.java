package dev.zaiko.restock;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The seam between two notices: runs a test's action once, right after the n-th notice of one SKU
 * was committed and before the notifier considers the next. A plain component (the application's
 * scan picks it up), inert until a test arms it, so all tests share one context.
 */
@Component
class RestockProbe {

    private volatile String sku;
    private volatile int after;
    private volatile Runnable action;
    private final AtomicInteger seen = new AtomicInteger();

    void after(String sku, int notices, Runnable action) {
        this.seen.set(0);
        this.after = notices;
        this.action = action;
        this.sku = sku;
    }

    void disarm() {
        this.sku = null;
        this.action = null;
    }

    @EventListener
    void on(RestockAlertSent sent) {
        if (!sent.sku().equals(sku)) return;
        if (seen.incrementAndGet() == after && action != null) action.run();
    }
}
