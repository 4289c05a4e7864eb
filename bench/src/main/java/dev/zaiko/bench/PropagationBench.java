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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Channel sync under a flash sale: how long a stock change takes to reach the channel's feed
 * (a long-polling reader) and its webhook (a loopback receiver), measured from the change's
 * HTTP answer. A real Zaiko on a random loopback port; {@code --clients} threads in a closed
 * loop reserve one unit on the web shop ({@code POST /api/reservations}) or sell one at the till
 * ({@code POST /api/stock/pos-sales}), half each, 80 % on one hot SKU and the rest on a few
 * others. Baselines in the same run: the change request itself, and a no-op GET sent 20 times a
 * second during the load. Matching: {@link PropagationMatch}. Prints Markdown on standard output,
 * progress on standard error.
 */
public final class PropagationBench {

    static final String USAGE = """
            Usage: java -jar zaiko-bench.jar propagation [options]
              --clients=N     concurrent clients in a closed loop (default 16)
              --warmup=S      seconds of load not counted (default 5)
              --duration=S    seconds measured (default 30)
              --others=N      SKUs besides the hot one (default 4)
              --stock=N       units of each SKU (default 1000000)
              --app.NAME=V    a Zaiko setting
            """;

    private static final String CHANNEL = OrderShop.WEB;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SETTLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    record Options(int clients, int warmupSeconds, int durationSeconds, int others, int stock, List<String> app) {

        static Options parse(String[] args) {
            return parse(args, 1_000_000);
        }

        /** @param defaultStock units per SKU and location when {@code --stock} is not given */
        static Options parse(String[] args, int defaultStock) {
            int clients = 16, warmup = 5, duration = 30, others = 4, stock = defaultStock;
            List<String> app = new ArrayList<>();
            for (String arg : args) {
                if (arg.equals("--help")) throw new BenchOptions.HelpRequested();
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("Unknown argument: " + arg);
                String name = arg.substring(2, eq);
                String value = arg.substring(eq + 1);
                if (name.startsWith("app.")) {
                    app.add("--" + name.substring(4) + "=" + value);
                    continue;
                }
                int n;
                try {
                    n = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(arg + ": not a number");
                }
                switch (name) {
                    case "clients" -> clients = n;
                    case "warmup" -> warmup = n;
                    case "duration" -> duration = n;
                    case "others" -> others = n;
                    case "stock" -> stock = n;
                    default -> throw new IllegalArgumentException("Unknown option: " + arg);
                }
            }
            if (clients < 1 || warmup < 0 || duration < 1 || others < 0 || stock < 1) {
                throw new IllegalArgumentException("clients, duration and stock must be positive");
            }
            return new Options(clients, warmup, duration, others, stock, List.copyOf(app));
        }

        @Override
        public String toString() {
            return "--clients=%d --warmup=%d --duration=%d --others=%d --stock=%d%s".formatted(clients,
                    warmupSeconds, durationSeconds, others, stock, app.isEmpty() ? "" : " " + String.join(" ", app));
        }
    }

    private PropagationBench() {
    }

    public static void main(String[] args) throws Exception {
        var parsed = BenchOptions.parseOrExit(Options::parse, USAGE, args);
        if (parsed.isEmpty()) return;
        Options options = parsed.get();
        Locale.setDefault(Locale.ROOT);
        progress("Settings: " + options);
        String loadBefore = MachineFacts.currentLoadAverage();
        progress("Starting Zaiko (embedded PostgreSQL, migrations)");
        // the webhook receiver listens on loopback, which Zaiko refuses unless allowed (docs/security.md)
        List<String> app = new ArrayList<>(List.of("--zaiko.outbound.allowed-networks=127.0.0.0/8"));
        app.addAll(options.app());
        try (ZaikoServer server = ZaikoServer.start(app.toArray(String[]::new))) {
            MachineFacts machine = MachineFacts.of(server);
            progress("Zaiko listens on " + server.baseUrl() + "; setting up the shop");
            OrderShop shop = new OrderShop(server);
            shop.networkWithStore();
            List<String> skus = new ArrayList<>(shop.products("HOT", 1, options.stock()));
            if (options.others() > 0) skus.addAll(shop.products("OTHER", options.others(), options.stock()));
            for (String sku : skus) shop.stock(sku, OrderShop.STORE, options.stock());
            HttpClient http = OrderTraffic.client();
            String base = server.baseUrl();

            Observer feed = new Observer();
            Observer webhook = new Observer();
            HttpServer receiver = receiver(webhook);
            FeedReader reader = new FeedReader(http, base, feed);
            try {
                receiver.start();
                String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
                send(http, post(base + "/api/channels/" + CHANNEL + "/webhooks",
                        "{\"url\":\"" + url + "\",\"secret\":\"bench-secret-0123456789\"}"), 201);
                reader.start();
                Map<String, Integer> initial = channelAts(http, base, skus);
                long deadline = System.nanoTime() + SETTLE_TIMEOUT_NANOS;
                if (!feed.awaitAtMost(initial, deadline) || !webhook.awaitAtMost(initial, deadline)) {
                    throw new IllegalStateException("The initial values did not arrive: feed " + feed.last()
                            + ", webhook " + webhook.last() + ", expected " + initial);
                }
                progress("Feed and webhook have the initial values " + initial + "; flash sale: " + options.clients()
                        + " clients, " + options.warmupSeconds() + " s warm-up + " + options.durationSeconds()
                        + " s measured");
                Load load = new Load(http, base, skus, options);
                load.run();
                Map<String, Integer> last = channelAts(http, base, skus);
                progress("Load done (" + load.changes.size() + " changes measured, " + load.errors.get()
                        + " errors" + (load.firstError.get() == null ? "" : ", the first: " + load.firstError.get())
                        + "); waiting for " + last);
                long settleFrom = System.nanoTime();
                deadline = settleFrom + SETTLE_TIMEOUT_NANOS;
                boolean feedSettled = feed.awaitAtMost(last, deadline);
                boolean hookSettled = webhook.awaitAtMost(last, deadline);
                progress("Settled: feed " + feedSettled + ", webhook " + hookSettled + " after "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleFrom) + " ms");
                List<PropagationMatch.Change> changes = List.copyOf(load.changes);
                Stage feedStage = Stage.of("feed (long poll)", changes, feed, last, load.measureFrom, feedSettled);
                Stage hookStage = Stage.of("webhook", changes, webhook, last, load.measureFrom, hookSettled);
                MeterRegistry registry = server.bean(MeterRegistry.class);
                System.out.print(report(options, machine, loadBefore, load, List.of(feedStage, hookStage), registry));
            } finally {
                reader.stop();
                receiver.stop(0);
                ((ExecutorService) receiver.getExecutor()).shutdownNow();
            }
        }
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

    static List<PropagationMatch.Sighting> sightings(JsonNode entries, long observedNanos) {
        List<PropagationMatch.Sighting> batch = new ArrayList<>();
        for (JsonNode e : entries) {
            if (!CHANNEL.equals(e.path("channel").asString())) continue;
            batch.add(new PropagationMatch.Sighting(e.path("sku").asString(), e.path("ats").intValue(),
                    e.path("seq").longValue(), Instant.parse(e.path("changedAt").asString()), observedNanos));
        }
        return batch;
    }

    /** The loopback webhook endpoint: notes the arrival time first, then reads and acknowledges. */
    private static HttpServer receiver(Observer webhook) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hook", exchange -> {
            long arrived = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode delivery = JSON.readTree(in.readAllBytes());
                webhook.saw(sightings(delivery.path("deliveries"), arrived));
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

    /** Long-polls the feed after its cursor, one request at a time, as an integration would. */
    private static final class FeedReader {

        private final HttpClient http;
        private final String base;
        private final Observer feed;
        private final Thread thread;
        private volatile boolean stopped;

        FeedReader(HttpClient http, String base, Observer feed) {
            this.http = http;
            this.base = base;
            this.feed = feed;
            this.thread = new Thread(this::loop, "feed-reader");
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
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/channels/"
                                    + CHANNEL + "/feed?after=" + cursor + "&limit=1000&wait=5s"))
                            .header("Authorization", ZaikoServer.AUTHORIZATION).timeout(Duration.ofSeconds(30))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    long observed = System.nanoTime();
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("feed answered " + response.statusCode() + ": " + response.body());
                    }
                    JsonNode page = JSON.readTree(response.body());
                    feed.saw(sightings(page.path("entries"), observed));
                    cursor = page.path("next").longValue();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    if (!stopped) progress("Feed reader: " + e);
                    if (stopped) return;
                }
            }
        }
    }

    /** The flash sale, plus the no-op GET baseline sent at a fixed rate during it. */
    private static final class Load {

        final ConcurrentLinkedQueue<PropagationMatch.Change> changes = new ConcurrentLinkedQueue<>();
        final LatencyRecorder changeLatency = new LatencyRecorder();
        final LatencyRecorder noopLatency = new LatencyRecorder();
        final AtomicLong reservations = new AtomicLong();
        final AtomicLong tillSales = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        volatile long measureFrom;
        long measureTo;
        private final HttpClient http;
        private final String base;
        private final List<String> skus;
        private final Options options;

        Load(HttpClient http, String base, List<String> skus, Options options) {
            this.http = http;
            this.base = base;
            this.skus = skus;
            this.options = options;
        }

        void run() throws InterruptedException {
            long start = System.nanoTime();
            measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
            measureTo = measureFrom + TimeUnit.SECONDS.toNanos(options.durationSeconds());
            ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
            prober.scheduleAtFixedRate(this::noop, 0, 50, TimeUnit.MILLISECONDS);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                Thread t = new Thread(this::client, "client-" + i);
                clients.add(t);
                t.start();
            }
            for (Thread t : clients) t.join();
            prober.shutdown();
            prober.awaitTermination(30, TimeUnit.SECONDS);
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
                        {"channel":"%s","sku":"%s","quantity":1,"holder":"bench"}""".formatted(CHANNEL, sku));
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

    record Stage(String name, PropagationMatch.Result result, long entries, boolean settled) {

        static Stage of(String name, List<PropagationMatch.Change> changes, Observer observer, Map<String, Integer> last,
                        long measureFrom, boolean settled) {
            List<PropagationMatch.Sighting> all = observer.sightings();
            long entries = all.stream().filter(s -> s.observedNanos() >= measureFrom).count();
            return new Stage(name, PropagationMatch.match(changes, all, last), entries, settled);
        }
    }

    private static String report(Options options, MachineFacts machine, String loadBefore, Load load,
                                 List<Stage> stages, MeterRegistry registry) {
        long changes = load.changes.size();
        StringBuilder out = new StringBuilder("## Channel propagation under a flash sale\n\n");
        out.append(machine.markdown().replaceFirst("before the run: [^;]*;", "before the run: " + loadBefore + ";"));
        out.append("\nSettings: `propagation ").append(options).append("`\n\n");
        out.append("Changes measured: %d (%d reservations, %d till sales); refused %d, errors %d; %.0f changes/s\n\n"
                .formatted(changes, load.reservations.get(), load.tillSales.get(), load.refused.get(), load.errors.get(),
                        changes / (double) options.durationSeconds()));
        out.append("| Measured | Count | Entries | Changes per entry | p50 ms | p90 ms | p99 ms | max ms | Unmatched |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Stage s : stages) {
            LatencyRecorder l = s.result().latencies();
            out.append("| change answered → %s | %d | %d | %.1f | %s | %d%s |\n".formatted(s.name(), s.result().matched(),
                    s.entries(), s.entries() == 0 ? 0.0 : changes / (double) s.entries(), millis(l),
                    s.result().unmatched(), s.settled() ? "" : " (not settled)"));
        }
        out.append("| baseline: change request (send → answer) | %d | | | %s | |\n".formatted(
                load.changeLatency.count(), millis(load.changeLatency)));
        out.append("| baseline: no-op GET during the load, 20/s | %d | | | %s | |\n".formatted(
                load.noopLatency.count(), millis(load.noopLatency)));
        out.append("\nZaiko's own timer `zaiko.channel.propagation` over the whole run (setup included):\n\n");
        out.append("| stage | count | mean ms | max ms |\n|---|--:|--:|--:|\n");
        for (String stage : List.of("feed", "webhook")) {
            Timer timer = registry.find("zaiko.channel.propagation").tag("stage", stage).timer();
            if (timer == null) {
                out.append("| ").append(stage).append(" | absent | | |\n");
            } else {
                out.append("| %s | %d | %.2f | %.2f |\n".formatted(stage, timer.count(),
                        timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS)));
            }
        }
        Map<String, Boolean> goal = new LinkedHashMap<>();
        for (Stage s : stages) goal.put(s.name(), s.result().unmatched() == 0
                && s.result().latencies().percentileMillis(99) <= 1000);
        out.append("\nGoal p99 ≤ 1 s: ").append(goal).append('\n');
        out.append("""

                Latency is wall time from the change's HTTP answer (the commit is before it) to the moment the
                reader got the first entry of that SKU that certainly reflects it (changedAt not before the
                answer, or the SKU's final value); an upper bound by at most one feed-writer round. Entries:
                values of the channel's SKUs the observer received from the start of measurement on.
                """);
        return out.toString();
    }

    private static String millis(LatencyRecorder l) {
        return "%.1f | %.1f | %.1f | %.1f".formatted(l.percentileMillis(50), l.percentileMillis(90),
                l.percentileMillis(99), l.maxNanos() / 1e6);
    }

    private static Map<String, Integer> channelAts(HttpClient http, String base, List<String> skus)
            throws IOException, InterruptedException {
        Map<String, Integer> ats = new HashMap<>();
        for (String sku : skus) {
            JsonNode stock = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/stock/" + sku))
                    .header("Authorization", ZaikoServer.AUTHORIZATION).GET().build(), 200));
            for (JsonNode c : stock.path("channels")) {
                if (CHANNEL.equals(c.path("channel").asString())) ats.put(sku, c.path("ats").intValue());
            }
        }
        return ats;
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", ZaikoServer.AUTHORIZATION).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String send(HttpClient http, HttpRequest request, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
