package dev.zaiko.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the chaos run's clients were told, kept on the client side across kills: every
 * acknowledged reservation, release, commit, order, packing and decision, and every request whose
 * answer never came (its effect unknown). The checks after a restart compare Zaiko against it.
 */
final class ChaosBook {

    enum Kind { RESERVATION, RELEASE, COMMIT, ORDER, PACKING, DECISION }

    enum State { OPEN, RELEASED, COMMITTED }

    /** An acknowledged reservation; {@code pending} is a release or commit sent but not answered. */
    static final class Reservation {
        final String id;
        final String sku;
        final int quantity;
        volatile State state = State.OPEN;
        volatile State pending;

        Reservation(String id, String sku, int quantity) {
            this.id = id;
            this.sku = sku;
            this.quantity = quantity;
        }
    }

    /** An order sent with its idempotent reference; {@code number} once acknowledged. */
    static final class Order {
        final String ref;
        final String body;
        final String sku;
        final boolean stockout;
        volatile String number;
        volatile boolean refused;
        volatile boolean packed;
        volatile boolean decided;

        Order(String ref, String body, String sku, boolean stockout) {
            this.ref = ref;
            this.body = body;
            this.sku = sku;
            this.stockout = stockout;
        }
    }

    final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
    final Map<String, Order> orders = new ConcurrentHashMap<>();
    /** Units received and passed inspection per SKU, over the whole run. */
    final Map<String, Long> received = new ConcurrentHashMap<>();
    private final Map<Kind, AtomicLong> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong sinceMark = new AtomicLong();

    ChaosBook() {
        for (Kind kind : Kind.values()) acknowledged.put(kind, new AtomicLong());
    }

    void received(String sku, long units) {
        received.merge(sku, units, Long::sum);
    }

    void acknowledge(Kind kind) {
        acknowledged.get(kind).incrementAndGet();
        sinceMark.incrementAndGet();
        synchronized (this) {
            notifyAll();
        }
    }

    void refused() {
        refused.incrementAndGet();
    }

    void unanswered() {
        unanswered.incrementAndGet();
    }

    long acknowledged(Kind kind) {
        return acknowledged.get(kind).get();
    }

    long operations() {
        return acknowledged.values().stream().mapToLong(AtomicLong::get).sum();
    }

    long refusals() {
        return refused.get();
    }

    long unansweredRequests() {
        return unanswered.get();
    }

    /** Starts counting acknowledged operations afresh (a new round). */
    void mark() {
        sinceMark.set(0);
    }

    /**
     * Waits until {@code operations} were acknowledged since the mark, the load ended
     * ({@code done}), or the time is up.
     */
    synchronized void awaitOperations(long operations, java.util.function.BooleanSupplier done, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (sinceMark.get() < operations && !done.getAsBoolean()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) return;
            wait(Math.min(left, 100));
        }
    }

    List<Order> acknowledgedOrders() {
        return orders.values().stream().filter(o -> o.number != null).toList();
    }
}
