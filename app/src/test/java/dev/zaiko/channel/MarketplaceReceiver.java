package dev.zaiko.channel;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;

/**
 * A slow marketplace on loopback: answers every push after {@code delayMillis}, records when each
 * arrived and what it held; {@link #holdNext} keeps the next push unanswered until {@link #release};
 * {@link #answerNext} gives the next push another answer than 200 (a throttling 429 with Retry-After).
 */
final class MarketplaceReceiver implements AutoCloseable {

    record Push(long arrivedNanos, String body) {
        JsonNode json() {
            return ShopApi.JSON.readTree(body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** Answers each push {@code delayMillis} after it arrived, without holding a thread meanwhile. */
    private final java.util.concurrent.ScheduledExecutorService answering =
            Executors.newSingleThreadScheduledExecutor();
    private final List<Push> pushes = new ArrayList<>();
    private final long delayMillis;
    private volatile CountDownLatch gate;
    private volatile CountDownLatch nextGate;
    private final java.util.Queue<Answer> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private record Answer(int status, String retryAfter) {
    }

    MarketplaceReceiver(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stock", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stock";
    }

    /** The next push (after those already given one) is answered with this status and Retry-After (or none: ""). */
    void answerNext(int status, String retryAfter) {
        answers.add(new Answer(status, retryAfter == null ? "" : retryAfter));
    }

    void holdNext() {
        nextGate = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch g = gate;
        if (g != null) g.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        synchronized (pushes) {
            pushes.add(new Push(arrived, body));
        }
        CountDownLatch hold = nextGate;
        nextGate = null;
        try {
            if (hold != null) {
                gate = hold;
                hold.await(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Answer given = answers.poll();
        Answer answer = given == null ? new Answer(200, "") : given;
        answering.schedule(() -> answer(exchange, answer.status(), answer.retryAfter()), delayMillis,
                TimeUnit.MILLISECONDS); // the marketplace's slowness
    }

    private static void answer(HttpExchange exchange, int status, String retryAfter) {
        try {
            if (!retryAfter.isEmpty()) exchange.getResponseHeaders().add("Retry-After", retryAfter);
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the sender gave up waiting: nothing to answer
        } finally {
            exchange.close();
        }
    }

    List<Push> pushes() {
        synchronized (pushes) {
            return List.copyOf(pushes);
        }
    }

    /** The SKU and quantity of each item of the push, in order (the Rakuten bulk-upsert shape). */
    static List<String> items(Push push) {
        List<String> items = new ArrayList<>();
        for (JsonNode i : push.json().path("inventories")) {
            items.add(i.path("manageNumber").asString() + "=" + i.path("quantity").intValue());
        }
        return items;
    }

    /** The last quantity pushed per SKU. */
    java.util.Map<String, Integer> latest() {
        java.util.Map<String, Integer> latest = new java.util.HashMap<>();
        for (Push p : pushes()) {
            for (JsonNode i : p.json().path("inventories")) latest.put(i.path("manageNumber").asString(),
                    i.path("quantity").intValue());
        }
        return latest;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        answering.shutdownNow();
        executor.shutdownNow();
    }
}
