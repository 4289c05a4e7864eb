package dev.zaiko.platform;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work per key (a SKU) on a thread of its own, for announcers that must not wait (the reservation
 * engine's worker, which would otherwise wait for a reservation only it can decide). Requests for a
 * key that arrive while its work is still waiting to start are folded into it; one that arrives once
 * it started asks for another run, so nothing that happens during a run is missed. It lives in
 * memory: its owner says what heals a crash or a failed run.
 */
public final class FoldingWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FoldingWorker.class);

    private final String what;
    private final Consumer<String> work;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final ExecutorService worker;

    /**
     * @param thread the worker thread's name
     * @param what   what a run does, for the log ("fill the backorders")
     */
    public FoldingWorker(String thread, String what, Consumer<String> work) {
        this.what = what;
        this.work = work;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
    }

    /** Hands the key over; never blocks, never throws. */
    public void handOver(String key) {
        if (!waiting.add(key)) return;
        unfinished.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    waiting.remove(key);
                    work.accept(key);
                } catch (RuntimeException e) {
                    log.error("Could not {} of {}", what, key, e);
                } finally {
                    unfinished.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            waiting.remove(key);
            unfinished.decrementAndGet();
            log.warn("Shutting down: could not {} of {} now", what, key);
        }
    }

    /** True when no run is waiting or running (what tests wait for, with a bound). */
    public boolean idle() {
        return unfinished.get() == 0;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
