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
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.zaiko.support.ShopApi;
import tools.jackson.databind.JsonNode;

/**
 * A webhook endpoint on loopback: records every request (signature header, body) and answers 500
 * to the first {@code failFirst} ones; {@code hang} makes it never answer until closed.
 * {@link #failWith} and {@link #succeed} change how it answers from the next request on.
 */
final class Receiver implements AutoCloseable {

    record Request(String signature, String deliveryId, String body, int answered) {
        JsonNode json() {
            return ShopApi.JSON.readTree(body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger failuresLeft;
    private final boolean hang;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger arrivals = new AtomicInteger();
    private volatile int failStatus = 500;
    private volatile String retryAfter;

    Receiver(int failFirst, boolean hang) throws IOException {
        this.failuresLeft = new AtomicInteger(failFirst);
        this.hang = hang;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static Receiver ok() throws IOException {
        return new Receiver(0, false);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=not-for-logs";
    }

    private void handle(HttpExchange exchange) throws IOException {
        arrivals.incrementAndGet();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (hang) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = failuresLeft.getAndDecrement() > 0 ? failStatus : 204;
        String askedWait = retryAfter;
        if (status != 204 && askedWait != null) exchange.getResponseHeaders().set("Retry-After", askedWait);
        synchronized (requests) {
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Zaiko-Signature"),
                    exchange.getRequestHeaders().getFirst("Zaiko-Delivery"), body, status));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Answers every request from now on with {@code status} and, unless null, that {@code Retry-After}. */
    void failWith(int status, String retryAfter) {
        this.failStatus = status;
        this.retryAfter = retryAfter;
        failuresLeft.set(Integer.MAX_VALUE);
    }

    /** Answers 204 from now on. */
    void succeed() {
        failuresLeft.set(0);
    }

    /** Requests that arrived, answered or not (a hanging receiver answers none). */
    int arrivals() {
        return arrivals.get();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Request> accepted() {
        return requests().stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    /** Every entry of the SKU the receiver got, in the order received (accepted requests only when asked). */
    List<JsonNode> entries(String sku, boolean acceptedOnly) {
        List<JsonNode> found = new ArrayList<>();
        for (Request r : acceptedOnly ? accepted() : requests()) {
            for (JsonNode d : r.json().path("deliveries")) {
                if (d.path("sku").asString().equals(sku)) found.add(d);
            }
        }
        return found;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
