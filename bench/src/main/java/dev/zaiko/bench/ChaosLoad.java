package dev.zaiko.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One round's traffic on a running Zaiko, in bounded loops on loopback: reservers (reserve one or
 * two units of a random SKU, then sometimes release or commit it), one buyer placing web-shop
 * orders with an idempotent reference, and one packer who finds the single unit of an order
 * defective and cancels it for the customer (a stockout case, a refund, emails). Everything
 * acknowledged goes into the {@link ChaosBook}; a request left unanswered (the server was killed)
 * ends its thread.
 */
final class ChaosLoad {

    static final String CHANNEL = "WEB";
    static final String WAREHOUSE = "WH-CHAOS";
    static final long UNIT_PRICE = 1_980;
    private static final Duration CASE_BOUND = Duration.ofSeconds(20);

    private final ChaosClient client;
    private final ChaosBook book;
    private final List<String> reservable;
    private final List<String> orderable;
    private final List<String> lastUnits;
    private final String refPrefix;
    private final int reservers;
    private final int maxOperationsPerThread;
    private final long seed;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private ExecutorService threads;
    private final List<Future<?>> work = new ArrayList<>();

    /**
     * @param reservable SKUs the reservers take from (a scarce one among them)
     * @param orderable  SKUs the buyer orders (ample stock)
     * @param lastUnits  SKUs with one unit each, one stockout order per SKU
     * @param refPrefix  makes every order reference and holder of the run unique
     */
    ChaosLoad(ChaosClient client, ChaosBook book, List<String> reservable, List<String> orderable,
              List<String> lastUnits, String refPrefix, int reservers, int maxOperationsPerThread, long seed) {
        this.client = client;
        this.book = book;
        this.reservable = reservable;
        this.orderable = orderable;
        this.lastUnits = lastUnits;
        this.refPrefix = refPrefix;
        this.reservers = reservers;
        this.maxOperationsPerThread = maxOperationsPerThread;
        this.seed = seed;
    }

    void start() {
        threads = Executors.newFixedThreadPool(reservers + 2);
        for (int t = 0; t < reservers; t++) {
            int thread = t;
            work.add(threads.submit(() -> guarded(() -> reserve(thread, new Random(seed * 31 + thread)))));
        }
        work.add(threads.submit(() -> guarded(() -> order(new Random(seed * 31 + 101)))));
        work.add(threads.submit(() -> guarded(this::stockouts)));
        threads.shutdown();
    }

    /** Whether every thread has ended (its loop ran out, or the server stopped answering). */
    boolean finished() {
        return work.stream().allMatch(Future::isDone);
    }

    /** Stops the loops and waits for the threads; answers what went wrong while the server answered. */
    List<String> stop() throws InterruptedException {
        running.set(false);
        if (!threads.awaitTermination(2, TimeUnit.MINUTES)) {
            threads.shutdownNow();
            errors.add("The load's threads did not end within 2 minutes of the kill");
        }
        return List.copyOf(errors);
    }

    private void guarded(Runnable loop) {
        try {
            loop.run();
        } catch (ChaosClient.Unanswered gone) {
            book.unanswered(); // the server was killed under this request: its effect is unknown
        } catch (RuntimeException e) {
            errors.add(e.toString());
        }
    }

    private void reserve(int thread, Random random) {
        for (int i = 0; i < maxOperationsPerThread && running.get(); i++) {
            String sku = reservable.get(random.nextInt(reservable.size()));
            int quantity = 1 + random.nextInt(2);
            ObjectNode body = ChaosClient.JSON.createObjectNode().put("channel", CHANNEL).put("sku", sku)
                    .put("quantity", quantity).put("holder", refPrefix + "-T" + thread + "-" + i);
            ChaosClient.Reply reply = client.post("/api/reservations", body);
            if (reply.status() == 409) {
                book.refused();
                continue;
            }
            expect(reply, 201, "reserve " + sku);
            String id = reply.json().path("id").asString();
            ChaosBook.Reservation reservation = new ChaosBook.Reservation(id, sku, quantity);
            book.reservations.put(id, reservation);
            book.acknowledge(ChaosBook.Kind.RESERVATION);
            int dice = random.nextInt(10);
            if (dice < 2) close(reservation, ChaosBook.State.RELEASED, "release", ChaosBook.Kind.RELEASE);
            else if (dice < 4) close(reservation, ChaosBook.State.COMMITTED, "commit", ChaosBook.Kind.COMMIT);
        }
    }

    private void close(ChaosBook.Reservation reservation, ChaosBook.State to, String verb, ChaosBook.Kind kind) {
        reservation.pending = to;
        ChaosClient.Reply reply = client.post("/api/reservations/" + reservation.id + "/" + verb, "{}");
        expect(reply, 200, verb + " " + reservation.id);
        reservation.state = to;
        reservation.pending = null;
        book.acknowledge(kind);
    }

    private void order(Random random) {
        for (int i = 0; i < maxOperationsPerThread && running.get(); i++) {
            String sku = orderable.get(random.nextInt(orderable.size()));
            place(refPrefix + "-O" + i, sku, 1 + random.nextInt(3), false);
        }
    }

    /** Sends an order and books its answer; false when it was refused. */
    private boolean place(String ref, String sku, int quantity, boolean stockout) {
        ChaosBook.Order order = new ChaosBook.Order(ref, orderBody(ref, sku, quantity), sku, stockout);
        book.orders.put(ref, order);
        return ChaosCheck.placeOrReplay(client, book, order, errors);
    }

    private void stockouts() {
        for (String sku : lastUnits) {
            if (!running.get()) return;
            String ref = refPrefix + "-S-" + sku;
            if (!place(ref, sku, 1, true)) continue;
            ChaosBook.Order order = book.orders.get(ref);
            packDefective(client, book, order);
            if (!running.get()) return;
            decideCancel(client, book, order);
        }
    }

    /** The packer finds the order's single unit defective: no replacement, a stockout case opens. */
    static void packDefective(ChaosClient client, ChaosBook book, ChaosBook.Order order) {
        ChaosClient.Reply packed = client.post("/api/orders/" + order.number + "/pack",
                "{\"lines\":[{\"lineNo\":1,\"passed\":0,\"defective\":1}]}");
        if (packed.status() == 409 && packed.body().contains("line-not-allocated")) {
            // packed before a kill whose answer never came
        } else {
            expect(packed, 200, "pack " + order.number);
        }
        order.packed = true;
        book.acknowledge(ChaosBook.Kind.PACKING);
    }

    /** The customer chooses to cancel: the line's refund and the follow-up email follow. */
    static void decideCancel(ChaosClient client, ChaosBook book, ChaosBook.Order order) {
        String caseId = openCase(client, order.number);
        ChaosClient.Reply decided = client.post("/api/stockouts/" + caseId + "/decision",
                "{\"choice\":\"CANCEL\",\"decidedBy\":\"staff:chaos\"}");
        if (decided.status() == 409 && decided.body().contains("stockout-already-decided")) {
            // decided before a kill whose answer never came: the decision stands, once
        } else {
            expect(decided, 200, "decide case " + caseId);
        }
        order.decided = true;
        book.acknowledge(ChaosBook.Kind.DECISION);
    }

    /** The order's case for line 1, waiting a bounded time for it to be opened. */
    static String openCase(ChaosClient client, String orderNumber) {
        long deadline = System.nanoTime() + CASE_BOUND.toNanos();
        while (true) {
            JsonNode items = client.ok(client.get("/api/stockouts?order=" + orderNumber + "&size=50"),
                    "stockouts of " + orderNumber).path("items");
            for (JsonNode c : items) {
                if (c.path("lineNo").asInt() == 1) return c.path("id").asString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No stockout case for order " + orderNumber + " within " + CASE_BOUND);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    static String orderBody(String ref, String sku, int quantity) {
        ObjectNode body = ChaosClient.JSON.createObjectNode().put("channel", CHANNEL).put("externalRef", ref);
        body.putObject("customer").put("name", "カオス 試験").put("email", ref.toLowerCase() + "@example.jp")
                .put("locale", "ja");
        body.putObject("payment").put("method", "CREDIT_CARD").put("status", "CAPTURED")
                .put("amount", quantity * UNIT_PRICE).put("pointsUsed", 0).put("giftBalanceUsed", 0);
        body.put("express", false).put("gift", false).put("b2b", false).put("shippingFee", 0);
        body.putArray("lines").addObject().put("sku", sku).put("quantity", quantity).put("unitPrice", UNIT_PRICE);
        return ChaosClient.JSON.writeValueAsString(body);
    }

    static void expect(ChaosClient.Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + " but got " + reply.status() + " "
                    + (reply.body().length() > 400 ? reply.body().substring(0, 400) : reply.body()));
        }
    }
}
