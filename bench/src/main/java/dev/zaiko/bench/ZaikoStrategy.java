package dev.zaiko.bench;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.zaiko.inventory.ReservationEngine;
import dev.zaiko.inventory.ReservationOutcome;
import dev.zaiko.inventory.ReserveRequest;

/**
 * Zaiko's reservation engine, exactly as the application runs it: requests for the hot SKU
 * coalesce into batches, each one durable transaction under the SKU's row lock.
 */
final class ZaikoStrategy implements Strategy {

    private final AtomicLong orders = new AtomicLong();
    private BenchContext context;
    private ReservationEngine engine;

    @Override
    public String name() {
        return "ZAIKO";
    }

    @Override
    public Concurrency concurrency() {
        return Concurrency.ASYNC;
    }

    @Override
    public void setUp(BenchContext context) {
        this.context = context;
        this.engine = new ReservationEngine(context.dataSource(), Clock.systemUTC(),
                ReservationEngine.DEFAULT_MAX_BATCH, 2, null);
    }

    @Override
    public CompletableFuture<Boolean> reserve(int quantity) {
        // a holder like the orders module's (order number and line), so rows are realistic
        String holder = "FS-" + orders.incrementAndGet() + "#1";
        return engine.reserve(new ReserveRequest(context.channel(), context.sku(), quantity, holder, null))
                .thenApply(ReservationOutcome::reserved);
    }

    @Override
    public void tearDown() {
        engine.close();
    }
}
