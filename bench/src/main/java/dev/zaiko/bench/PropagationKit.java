package dev.zaiko.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the propagation and connector benches share: observers of a channel's values (its feed,
 * long-polled; a loopback webhook receiver), the flash sale that changes them, and the HTTP calls to
 * the Zaiko under test. Matching: {@link PropagationMatch}.
 */
final class PropagationKit {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long SETTLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private PropagationKit() {
    }

    /** What one observer saw, in arrival order, and the latest ATS per SKU. */
    static final class Observer {

        private final List<PropagationMatch.Sighting> sightings = new ArrayList<>();
        private final Map<String, Integer> last = new HashMap<>();

        synchronized void saw(List<PropagationMatch.Sighting> batch) {
            for (PropagationMatch.Sighting s : batch) {
                sightings.add(s);
                last.put(s.sku(), s.ats());
            }
            notifyAll();
        }

        synchronized Map<String, Integer> last() {
            return new HashMap<>(last);
        }

        synchronized List<PropagationMatch.Sighting> sightings() {
            return List.copyOf(sightings);
        }

        /** Waits until every SKU of {@code target} was seen at or below its value; false at the deadline. */
        synchronized boolean awaitAtMost(Map<String, Integer> target, long deadlineNanos) throws InterruptedException {
            while (!target.entrySet().stream().allMatch(e -> last.containsKey(e.getKey())
                    && last.get(e.getKey()) <= e.getValue())) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** The feed entries (or webhook deliveries) of one channel, as sightings observed at {@code observedNanos}. */
    static List<PropagationMatch.Sighting> sightings(String channel, JsonNode entries, long observedNanos) {
        List<PropagationMatch.Sighting> batch = new ArrayList<>();
        for (JsonNode e : entries) {
            if (!channel.equals(e.path("channel").asString())) continue;
            batch.add(new PropagationMatch.Sighting(e.path("sku").asString(), e.path("ats").intValue(),
                    e.path("seq").longValue(), Instant.parse(e.path("changedAt").asString()), observedNanos));
        }
        return batch;
    }

    /** The loopback webhook endpoint {@code /hook}: notes the arrival time first, then reads and acknowledges. */
    static HttpServer receiver(String channel, Observer webhook) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hook", exchange -> {
            long arrived = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
                webhook.saw(sightings(channel, JSON.readTree(in.readAllBytes()).path("deliveries"), arrived));
                exchange.sendResponseHeaders(204, -1);
            } catch (RuntimeException e) {
                progress("Webhook receiver: " + e);
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        return server;
    }

    /** Stops a {@link #receiver} and its threads. */
    static void stop(HttpServer receiver) {
        receiver.stop(0);
        ((ExecutorService) receiver.getExecutor()).shutdownNow();
    }

    /** Long-polls one channel's feed after its cursor, one request at a time, as an integration would. */
    static final class FeedReader {

        private final HttpClient http;
        private final String base;
        private final String channel;
        private final Observer feed;
        private final Thread thread;
        private volatile boolean stopped;

        FeedReader(HttpClient http, String base, String channel, Observer feed) {
            this.http = http;
            this.base = base;
            this.channel = channel;
            this.feed = feed;
            this.thread = new Thread(this::loop, "feed-reader-" + channel);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }

        private void loop() {
            long cursor = 0;
            while (!stopped) {
                try {
                    HttpResponse<String> response = http.send(get(base + "/api/channels/" + channel + "/feed?after="
                            + cursor + "&limit=1000&wait=5s"), HttpResponse.BodyHandlers.ofString());
                    long observed = System.nanoTime();
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("feed answered " + response.statusCode() + ": " + response.body());
                    }
                    JsonNode page = JSON.readTree(response.body());
                    feed.saw(sightings(channel, page.path("entries"), observed));
                    cursor = page.path("next").longValue();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    if (stopped) return;
                    progress("Feed reader " + channel + ": " + e);
                }
            }
        }
    }

    /**
     * The flash sale: {@code clients} threads in a closed loop reserve one unit on {@code channel} or
     * sell one at the store's till, half each, 80 % on the first (hot) SKU; with {@code noopBaseline},
     * also a no-op GET sent 20 times a second during it.
     */
    static final class Load {

        final ConcurrentLinkedQueue<PropagationMatch.Change> changes = new ConcurrentLinkedQueue<>();
        final LatencyRecorder changeLatency = new LatencyRecorder();
        final LatencyRecorder noopLatency = new LatencyRecorder();
        final AtomicLong reservations = new AtomicLong();
        final AtomicLong tillSales = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        volatile long measureFrom;
        volatile long measureTo;
        private final HttpClient http;
        private final String base;
        private final String channel;
        private final List<String> skus;
        private final PropagationBench.Options options;
        private final boolean noopBaseline;

        Load(HttpClient http, String base, String channel, List<String> skus, PropagationBench.Options options,
             boolean noopBaseline) {
            this.http = http;
            this.base = base;
            this.channel = channel;
            this.skus = skus;
            this.options = options;
            this.noopBaseline = noopBaseline;
        }

        void run() throws InterruptedException {
            long start = System.nanoTime();
            measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
            measureTo = measureFrom + TimeUnit.SECONDS.toNanos(options.durationSeconds());
            ScheduledExecutorService prober = noopBaseline ? Executors.newSingleThreadScheduledExecutor() : null;
            if (prober != null) prober.scheduleAtFixedRate(this::noop, 0, 50, TimeUnit.MILLISECONDS);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                Thread t = new Thread(this::client, "client-" + i);
                clients.add(t);
                t.start();
            }
            for (Thread t : clients) t.join();
            if (prober != null) {
                prober.shutdown();
                prober.awaitTermination(30, TimeUnit.SECONDS);
            }
        }

        private void noop() {
            long sent = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + EchoEndpoint.NOOP_PATH))
                        .header("Authorization", ZaikoServer.AUTHORIZATION).GET().build(), HttpResponse.BodyHandlers.discarding());
                long now = System.nanoTime();
                if (response.statusCode() == 200 && sent >= measureFrom && sent < measureTo) noopLatency.record(now - sent);
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void client() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < measureTo) {
                String sku = skus.size() == 1 || random.nextInt(10) < 8 ? skus.get(0)
                        : skus.get(1 + random.nextInt(skus.size() - 1));
                boolean till = random.nextBoolean();
                HttpRequest request = till
                        ? post(base + "/api/stock/pos-sales", """
                        {"sku":"%s","location":"%s","quantity":1}""".formatted(sku, OrderShop.STORE))
                        : post(base + "/api/reservations", """
                        {"channel":"%s","sku":"%s","quantity":1,"holder":"bench"}""".formatted(channel, sku));
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long answered = System.nanoTime();
                    Instant answeredAt = Instant.now();
                    int status = response.statusCode();
                    if (status / 100 != 2) {
                        if (status == 409) refused.incrementAndGet();
                        else if (errors.incrementAndGet() == 1) {
                            firstError.set(request.uri().getPath() + " " + status + ": " + response.body());
                        }
                        continue;
                    }
                    if (sent < measureFrom) continue;
                    (till ? tillSales : reservations).incrementAndGet();
                    changeLatency.record(answered - sent);
                    changes.add(new PropagationMatch.Change(sku, answered, answeredAt));
                } catch (IOException e) {
                    if (errors.incrementAndGet() == 1) firstError.set(e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Each SKU's ATS on the channel, as {@code GET /api/stock/{sku}} answers now. */
    static Map<String, Integer> channelAts(HttpClient http, String base, List<String> skus, String channel)
            throws IOException, InterruptedException {
        Map<String, Integer> ats = new HashMap<>();
        for (String sku : skus) {
            JsonNode stock = JSON.readTree(send(http, get(base + "/api/stock/" + sku), 200));
            for (JsonNode c : stock.path("channels")) {
                if (channel.equals(c.path("channel").asString())) ats.put(sku, c.path("ats").intValue());
            }
        }
        return ats;
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", ZaikoServer.AUTHORIZATION).header("Accept", "application/json").GET().build();
    }

    static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", ZaikoServer.AUTHORIZATION).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest put(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", ZaikoServer.AUTHORIZATION).header("Content-Type", "application/json")
                .header("Accept", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends and returns the body; any other status than {@code expected} is an error naming the call. */
    static String send(HttpClient http, HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
