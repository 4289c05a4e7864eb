package dev.zaiko.bench;

import java.util.concurrent.CompletableFuture;

/**
 * One way of taking a unit of the hot SKU out of sellable stock. This is the extension point:
 * a new strategy is one class implementing this interface plus one line in {@link Strategies}.
 *
 * <p>Lifecycle, once per phase: {@link #setUp} after the fixture was reset to fresh stock,
 * then many concurrent {@link #reserve} calls, then {@link #tearDown} once every call has
 * completed and before the harness checks the database. A strategy that caches stock in
 * memory must therefore (re)load it in {@code setUp}, and one that writes behind must have
 * made every acknowledged reservation durable by the time its future completes.
 */
public interface Strategy {

    /** The name shown in the table and accepted by {@code --strategies}. */
    String name();

    /**
     * How the driver applies load. {@link Concurrency#BLOCKING} strategies get one thread per
     * buyer and are expected to return an already completed future; {@link Concurrency#ASYNC}
     * strategies are called from a few submitting threads that keep {@code buyers} requests
     * outstanding, so {@code reserve} must not block.
     */
    Concurrency concurrency();

    /** Called after the fixture was reset and before any {@link #reserve}. */
    void setUp(BenchContext context) throws Exception;

    /**
     * Tries to reserve {@code quantity} units of {@link BenchContext#sku()} at
     * {@link BenchContext#location()} for {@link BenchContext#channel()}.
     *
     * @return a future completing with {@code true} when the units were reserved (and the
     *         reservation is durable), {@code false} when refused for lack of stock, or
     *         exceptionally on any other failure (counted as an error, not as a refusal)
     */
    CompletableFuture<Boolean> reserve(int quantity);

    /** Called once all reservations of the phase completed, before the counters are checked. */
    default void tearDown() throws Exception {
    }

    enum Concurrency { BLOCKING, ASYNC }
}
