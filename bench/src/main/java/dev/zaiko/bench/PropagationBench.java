package dev.zaiko.bench;

import static dev.zaiko.bench.PropagationKit.SETTLE_TIMEOUT_NANOS;
import static dev.zaiko.bench.PropagationKit.channelAts;
import static dev.zaiko.bench.PropagationKit.post;
import static dev.zaiko.bench.PropagationKit.progress;
import static dev.zaiko.bench.PropagationKit.receiver;
import static dev.zaiko.bench.PropagationKit.send;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.zaiko.bench.PropagationKit.FeedReader;
import dev.zaiko.bench.PropagationKit.Load;
import dev.zaiko.bench.PropagationKit.Observer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Channel sync under a flash sale: how long a stock change takes to reach the channel's feed
 * (a long-polling reader) and its webhook (a loopback receiver), measured from the change's
 * HTTP answer. A real Zaiko on a random loopback port; {@code --clients} threads in a closed
 * loop reserve one unit on the web shop ({@code POST /api/reservations}) or sell one at the till
 * ({@code POST /api/stock/pos-sales}), half each, 80 % on one hot SKU and the rest on a few
 * others (the flash sale, observers and HTTP calls: {@link PropagationKit}). Baselines in the same run: the change request itself, and a no-op GET sent 20 times a
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
            HttpServer receiver = receiver(CHANNEL, webhook);
            FeedReader reader = new FeedReader(http, base, CHANNEL, feed);
            try {
                receiver.start();
                String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
                send(http, post(base + "/api/channels/" + CHANNEL + "/webhooks",
                        "{\"url\":\"" + url + "\",\"secret\":\"bench-secret-0123456789\"}"), 201);
                reader.start();
                Map<String, Integer> initial = channelAts(http, base, skus, CHANNEL);
                long deadline = System.nanoTime() + SETTLE_TIMEOUT_NANOS;
                if (!feed.awaitAtMost(initial, deadline) || !webhook.awaitAtMost(initial, deadline)) {
                    throw new IllegalStateException("The initial values did not arrive: feed " + feed.last()
                            + ", webhook " + webhook.last() + ", expected " + initial);
                }
                progress("Feed and webhook have the initial values " + initial + "; flash sale: " + options.clients()
                        + " clients, " + options.warmupSeconds() + " s warm-up + " + options.durationSeconds()
                        + " s measured");
                Load load = new Load(http, base, CHANNEL, skus, options, true);
                load.run();
                Map<String, Integer> last = channelAts(http, base, skus, CHANNEL);
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
                PropagationKit.stop(receiver);
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
}
