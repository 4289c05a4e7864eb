package dev.zaiko.bench;

import static dev.zaiko.bench.PropagationKit.JSON;
import static dev.zaiko.bench.PropagationKit.SETTLE_TIMEOUT_NANOS;
import static dev.zaiko.bench.PropagationKit.channelAts;
import static dev.zaiko.bench.PropagationKit.get;
import static dev.zaiko.bench.PropagationKit.post;
import static dev.zaiko.bench.PropagationKit.progress;
import static dev.zaiko.bench.PropagationKit.put;
import static dev.zaiko.bench.PropagationKit.receiver;
import static dev.zaiko.bench.PropagationKit.send;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.zaiko.bench.PropagationKit.FeedReader;
import dev.zaiko.bench.PropagationKit.Load;
import dev.zaiko.bench.PropagationKit.Observer;
import tools.jackson.databind.JsonNode;

/**
 * Connectors under a flash sale: how long a stock change takes to reach each platform (WireMock
 * stubs of Amazon, Rakuten, Yahoo!, Shopify and Smaregi answering as documented), and how many
 * pushes per second each platform actually got against its documented limit. A real Zaiko on a
 * random loopback port; one channel per platform (MARKETPLACE, and OWN for the Smaregi till: a connector
 * belongs on the kind of channel its platform is), each with the web shop's locations, connected through
 * {@code PUT /api/channels/{code}/connector} with the stub as {@code baseUrl}, every SKU mapped.
 * Baseline in the same run: the own web shop {@code WEB}, same locations, with a plain webhook
 * receiver (the JSON-posting path every channel has). Each channel's feed is long-polled too,
 * to date the values the stubs receive (a pushed value is matched to its feed entry's
 * {@code changedAt}) and as a second baseline. Matching: {@link PropagationMatch}; the flash sale,
 * observers and HTTP calls are the propagation bench's ({@link PropagationKit}).
 */
public final class ConnectorBench {

    static final String USAGE = """
            Usage: java -jar zaiko-bench.jar connectors [options]
              --clients=N     concurrent clients in a closed loop (default 16)
              --warmup=S      seconds of load not counted (default 5)
              --duration=S    seconds measured (default 30)
              --others=N      SKUs besides the hot one (default 4)
              --stock=N       units of each SKU in each of the two locations (default 45000;
                              Rakuten shows at most 99,999, so keep 2 x N below that)
              --app.NAME=V    a Zaiko setting
            """;

    static final String WEB = OrderShop.WEB;
    /** Extra refill per request when checking the stub's arrivals against the token bucket (network jitter). */
    static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * The propagation bench's options; only the default stock differs (45,000 per location: Rakuten
     * shows at most 99,999, and the bench's two locations together must stay below that).
     */
    static PropagationBench.Options parseOptions(String[] args) {
        return PropagationBench.Options.parse(args, 45_000);
    }

    /** The platform's documented limit as the channel's adapter took it. */
    record Limit(double requestsPerSecond, int burst, int batch) {
    }

    /** One observer's row: a platform stub, or a baseline. */
    record Row(String observer, String channel, Limit limit, PropagationMatch.Result latency, PushRate rate,
               long valuesSent, long undated, long unexpected, boolean settled, Map<String, Integer> lastSeen) {
    }

    record Result(PropagationBench.Options options, List<Row> rows, Map<String, Integer> finalAts, long changes, long reservations,
                  long tillSales, long refused, long errors, String firstError, LatencyRecorder changeLatency) {
    }

    /**
     * The bench's Zaiko: loopback stubs allowed; the order and till-sale pulls (issue 18) put off,
     * as the stubs answer only the documented stock calls: the bench measures pushes.
     */
    static final String[] APP = {"--zaiko.outbound.allowed-networks=127.0.0.0/8", "--zaiko.connector.orders.tick=1h",
            "--zaiko.connector.till-sales.tick=1h"};

    private ConnectorBench() {
    }

    public static void main(String[] args) throws Exception {
        var parsed = BenchOptions.parseOrExit(ConnectorBench::parseOptions, USAGE, args);
        if (parsed.isEmpty()) return;
        PropagationBench.Options options = parsed.get();
        Locale.setDefault(Locale.ROOT);
        String loadBefore = MachineFacts.currentLoadAverage();
        progress("Settings: " + options);
        List<String> app = new ArrayList<>(List.of(APP));
        app.addAll(options.app());
        try (ZaikoServer server = ZaikoServer.start(app.toArray(String[]::new))) {
            MachineFacts machine = MachineFacts.of(server);
            Result result = run(server, options);
            System.out.print(report(result, machine, loadBefore));
        }
    }

    static String channelOf(String platform) {
        return "C-" + platform;
    }

    /** Sets up the shop, connects the platforms, runs the flash sale and measures; Zaiko must allow loopback targets. */
    static Result run(ZaikoServer server, PropagationBench.Options options) throws Exception {
        String base = server.baseUrl();
        HttpClient http = OrderTraffic.client();
        OrderShop shop = new OrderShop(server);
        progress("Zaiko listens on " + base + "; setting up the shop and the platform stubs");
        shop.networkWithStore();
        List<String> skus = new ArrayList<>();
        skus.add("HOT");
        for (int i = 1; i <= options.others(); i++) skus.add("OTHER-" + i);
        for (String sku : skus) {
            send(http, post(base + "/api/products", """
                    {"sku":"%s","name":{"ja":"ベンチ商品 %s","en":"Bench product %s"},"category":"bench","price":%d}"""
                    .formatted(sku, sku, sku, OrderTraffic.UNIT_PRICE)), 201);
        }
        List<String> channels = new ArrayList<>(List.of(WEB));
        Map<String, Limit> limits = new LinkedHashMap<>();
        try (PlatformStubs stubs = new PlatformStubs(skus)) {
            stubs.start();
            for (String platform : PlatformStubs.PLATFORMS) {
                String channel = channelOf(platform);
                channels.add(channel);
                // a connector belongs on the kind of channel its platform is: the till (Smaregi) on an OWN
                // channel, every other platform on a MARKETPLACE; all with the web shop's locations, so
                // every observer is told the same values
                send(http, post(base + "/api/channels", """
                        {"code":"%s","kind":"%s","name":"%s","online":true,"locations":["%s","%s"]}"""
                        .formatted(channel, "SMAREGI".equals(platform) ? "OWN" : "MARKETPLACE", platform,
                                OrderShop.WAREHOUSE, OrderShop.STORE)), 201);
                send(http, put(base + "/api/channels/" + channel + "/connector", stubs.account(platform).toString()), 200);
                for (String sku : skus) {
                    send(http, put(base + "/api/channels/" + channel + "/connector/items/" + sku,
                            stubs.identifiers(platform, sku).toString()), 200);
                }
                JsonNode documented = JSON.readTree(send(http, get(base + "/api/channels/" + channel + "/connector"), 200))
                        .path("limits");
                limits.put(platform, new Limit(documented.path("requestsPerSecond").doubleValue(),
                        documented.path("burst").intValue(), documented.path("maxBatch").intValue()));
            }
            Observer webhook = new Observer();
            HttpServer receiver = receiver(WEB, webhook);
            Map<String, Observer> feeds = new LinkedHashMap<>();
            List<FeedReader> readers = new ArrayList<>();
            try {
                receiver.start();
                send(http, post(base + "/api/channels/" + WEB + "/webhooks", "{\"url\":\"http://127.0.0.1:"
                        + receiver.getAddress().getPort() + "/hook\",\"secret\":\"bench-secret-0123456789\"}"), 201);
                for (String channel : channels) {
                    Observer feed = new Observer();
                    feeds.put(channel, feed);
                    FeedReader reader = new FeedReader(http, base, channel, feed);
                    readers.add(reader);
                    reader.start();
                }
                for (String sku : skus) {
                    shop.stock(sku, OrderShop.WAREHOUSE, options.stock());
                    shop.stock(sku, OrderShop.STORE, options.stock());
                }
                Map<String, Integer> initial = channelAts(http, base, skus, WEB);
                long deadline = System.nanoTime() + SETTLE_TIMEOUT_NANOS;
                for (String platform : PlatformStubs.PLATFORMS) {
                    if (!stubs.stub(platform).awaitAtMost(initial, deadline)) {
                        throw new IllegalStateException(platform + " did not receive the initial values " + initial
                                + ": it has " + stubs.stub(platform).last() + ", " + stubs.stub(platform).unexpected.get()
                                + " unexpected requests");
                    }
                }
                if (!webhook.awaitAtMost(initial, deadline)) {
                    throw new IllegalStateException("The webhook did not receive the initial values " + initial);
                }
                progress("Every platform has the initial values " + initial + "; flash sale: " + options.clients()
                        + " clients, " + options.warmupSeconds() + " s warm-up + " + options.durationSeconds() + " s measured");
                Load load = new Load(http, base, WEB, skus, options, false);
                load.run();
                Map<String, Integer> last = channelAts(http, base, skus, WEB);
                progress("Load done (" + load.changes.size() + " changes measured, " + load.errors.get() + " errors"
                        + (load.firstError.get() == null ? "" : ", the first: " + load.firstError.get())
                        + "); waiting for " + last);
                long settleFrom = System.nanoTime();
                deadline = settleFrom + SETTLE_TIMEOUT_NANOS;
                List<PropagationMatch.Change> changes = List.copyOf(load.changes);
                List<Row> rows = new ArrayList<>();
                for (String platform : PlatformStubs.PLATFORMS) {
                    PlatformStubs.Stub stub = stubs.stub(platform);
                    boolean settled = stub.awaitAtMost(last, deadline);
                    feeds.get(channelOf(platform)).awaitAtMost(last, deadline);
                    rows.add(platformRow(platform, stub, limits.get(platform), feeds.get(channelOf(platform)), changes,
                            last, load, settled));
                }
                boolean hookSettled = webhook.awaitAtMost(last, deadline);
                boolean feedSettled = feeds.get(WEB).awaitAtMost(last, deadline);
                progress("Settled after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleFrom) + " ms");
                rows.add(observerRow("baseline: webhook (" + WEB + ")", WEB, webhook, changes, last, load, hookSettled));
                rows.add(observerRow("baseline: feed long poll (" + WEB + ")", WEB, feeds.get(WEB), changes, last, load,
                        feedSettled));
                return new Result(options, rows, last, changes.size(), load.reservations.get(), load.tillSales.get(),
                        load.refused.get(), load.errors.get(), load.firstError.get(), load.changeLatency);
            } finally {
                for (FeedReader reader : readers) reader.stop();
                PropagationKit.stop(receiver);
            }
        }
    }

    /**
     * The stub's pushes as sightings: each value dated by the channel's own feed entry of that SKU
     * and value ({@code changedAt}); a value the feed reader never saw gets no date, so it counts
     * only when it is the SKU's final value (conservative).
     */
    private static Row platformRow(String platform, PlatformStubs.Stub stub, Limit limit, Observer feed,
                                   List<PropagationMatch.Change> changes, Map<String, Integer> last, Load load,
                                   boolean settled) {
        Map<String, Instant> dated = new HashMap<>();
        for (PropagationMatch.Sighting s : feed.sightings()) dated.putIfAbsent(s.sku() + "=" + s.ats(), s.changedAt());
        List<PropagationMatch.Sighting> sightings = new ArrayList<>();
        long undated = 0;
        long values = 0;
        List<Long> arrivals = new ArrayList<>();
        for (PlatformStubs.Push push : stub.pushes()) {
            arrivals.add(push.arrivedNanos());
            for (Map.Entry<String, Integer> e : push.quantities().entrySet()) {
                Instant changedAt = dated.get(e.getKey() + "=" + e.getValue());
                if (changedAt == null) {
                    changedAt = Instant.EPOCH;
                    if (push.arrivedNanos() >= load.measureFrom) undated++;
                }
                if (push.arrivedNanos() >= load.measureFrom) values++;
                sightings.add(new PropagationMatch.Sighting(e.getKey(), e.getValue(), push.order(), changedAt,
                        push.arrivedNanos()));
            }
        }
        PushRate rate = PushRate.of(arrivals, load.measureFrom, load.measureTo, limit.requestsPerSecond(), limit.burst(),
                SLACK_NANOS);
        return new Row(platform, channelOf(platform), limit, PropagationMatch.match(changes, sightings, last), rate,
                values, undated, stub.unexpected.get(), settled, stub.last());
    }

    private static Row observerRow(String name, String channel, Observer observer, List<PropagationMatch.Change> changes,
                                   Map<String, Integer> last, Load load, boolean settled) {
        List<PropagationMatch.Sighting> all = observer.sightings();
        long values = all.stream().filter(s -> s.observedNanos() >= load.measureFrom).count();
        return new Row(name, channel, null, PropagationMatch.match(changes, all, last), null, values, 0, 0, settled,
                observer.last());
    }

    static String report(Result r, MachineFacts machine, String loadBefore) {
        StringBuilder out = new StringBuilder("## Connectors under a flash sale\n\n");
        out.append(machine.markdown().replaceFirst("before the run: [^;]*;", "before the run: " + loadBefore + ";"));
        out.append("\nSettings: `connectors ").append(r.options()).append("`\n\n");
        out.append("Changes measured: %d (%d reservations, %d till sales); refused %d, errors %d%s; %.0f changes/s\n\n"
                .formatted(r.changes(), r.reservations(), r.tillSales(), r.refused(), r.errors(),
                        r.firstError() == null ? "" : " (first: " + r.firstError() + ")",
                        r.changes() / (double) r.options().durationSeconds()));
        out.append("| Observer | Limit req/s (burst, batch) | Requests | Req/s sent | Max in any 1 s | Over the bucket "
                + "| Values | p50 ms | p90 ms | p99 ms | max ms | Matched | Unmatched | Undated | Unexpected |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Row row : r.rows()) {
            LatencyRecorder l = row.latency().latencies();
            String limit = row.limit() == null ? "" : "%s (%d, %d)".formatted(number(row.limit().requestsPerSecond()),
                    row.limit().burst(), row.limit().batch());
            String rate = row.rate() == null ? " | | | " : "%d | %.2f | %d | %d".formatted(row.rate().requests(),
                    row.rate().perSecond(), row.rate().maxInAnySecond(), row.rate().overBucket());
            out.append("| %s%s | %s | %s | %d | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d |\n".formatted(row.observer(),
                    row.settled() ? "" : " (not settled)", limit, rate, row.valuesSent(), l.percentileMillis(50),
                    l.percentileMillis(90), l.percentileMillis(99), l.maxNanos() / 1e6, row.latency().matched(),
                    row.latency().unmatched(), row.undated(), row.unexpected()));
        }
        out.append("| baseline: change request (send → answer) | | | | | | | %.1f | %.1f | %.1f | %.1f | %d | | | |\n"
                .formatted(r.changeLatency().percentileMillis(50), r.changeLatency().percentileMillis(90),
                        r.changeLatency().percentileMillis(99), r.changeLatency().maxNanos() / 1e6, r.changeLatency().count()));
        out.append("""

                Latency: from each change's HTTP answer (its commit is before it) to the stub's receipt of the
                first value of that SKU that certainly reflects it (its feed entry's changedAt not before the
                answer, or the SKU's final value); an upper bound by at most one feed-writer round. Requests,
                rates and values count the measured window. Over the bucket: requests a token bucket of the
                documented rate and burst would have refused (20 ms of slack per request for jitter). Values:
                SKU values received. Undated: values the channel's feed reader never saw (credited only when
                final). Unexpected: requests no stub matched (404).
                """);
        return out.toString();
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
