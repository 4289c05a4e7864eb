package dev.zaiko.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The order path over HTTP: a real Zaiko on a random loopback port, a shop set up through its
 * API, and N clients in a closed loop, each posting its next order as soon as the previous one is
 * answered. Phases, each with its own warm-up that is not counted:
 * <ol>
 * <li>{@code echo}: the same order bodies to a trivial endpoint of the same server (HTTP, JSON,
 * validation; no database): the ceiling of the stack around the order logic;</li>
 * <li>{@code hot}: {@code POST /api/orders}, every order for one unit of the same SKU;</li>
 * <li>{@code cold}: the same, spread at random over many SKUs (no contention on one SKU).</li>
 * </ol>
 * After every order phase the buyers' answers are checked against Zaiko's tables and ledger
 * ({@link OrderCheck}). CPU per role is sampled over the measured window ({@link CpuAccount}).
 * Prints a Markdown report on standard output, progress on standard error.
 */
public final class OrderPathBench {

    /** The CPU window ends this much before the phase does, while every client thread still lives. */
    private static final long CPU_WINDOW_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private OrderPathBench() {
    }

    public static void main(String[] args) throws Exception {
        var parsed = BenchOptions.parseOrExit(OrderBenchOptions::parse, OrderBenchOptions.USAGE, args);
        if (parsed.isEmpty()) return;
        OrderBenchOptions options = parsed.get();
        Locale.setDefault(Locale.ROOT);
        progress("Settings: " + options);
        String loadBefore = MachineFacts.currentLoadAverage();
        progress("Starting Zaiko (embedded PostgreSQL, migrations)");
        try (ZaikoServer server = ZaikoServer.start(options.appArguments().toArray(String[]::new))) {
            MachineFacts machine = MachineFacts.of(server);
            progress("Zaiko listens on " + server.baseUrl() + "; setting up the shop");
            OrderShop shop = new OrderShop(server);
            shop.network();
            List<String> hot = shop.products("HOT", 1, options.hotStock());
            List<String> cold = options.phases().contains("cold")
                    ? shop.products("COLD", options.coldSkus(), options.coldStock()) : List.of();
            List<OrderPhase> results = new ArrayList<>();
            for (String phase : options.phases()) {
                LoadDriver.Plan plan = LoadDriver.Plan.duration(options.clients(),
                        TimeUnit.SECONDS.toNanos(options.warmupSeconds()),
                        TimeUnit.SECONDS.toNanos(options.durationSeconds()), 1);
                progress("%s: %d clients, %d s warm-up + %d s measured".formatted(phase, options.clients(),
                        options.warmupSeconds(), options.durationSeconds()));
                OrderPhase result = switch (phase) {
                    case "echo" -> echo(server, shop, hot, plan);
                    case "hot" -> orders("hot", server, shop, hot, options.hotStock(), plan);
                    case "cold" -> orders("cold", server, shop, cold, options.coldStock(), plan);
                    default -> throw new IllegalArgumentException(phase);
                };
                progress("  " + result.summary());
                results.add(result);
            }
            System.out.print(OrderReport.markdown(options, machine, loadBefore, server, results));
        }
    }

    /** The trivial endpoint; it writes nothing, which is checked too. */
    static OrderPhase echo(ZaikoServer server, OrderShop shop, List<String> skus, LoadDriver.Plan plan)
            throws InterruptedException {
        long ordersBefore = shop.orders();
        OrderPhase phase = run("echo", server, skus, EchoEndpoint.PATH, plan, null);
        if (shop.orders() != ordersBefore) {
            throw new IllegalStateException("The echo endpoint wrote orders: " + ordersBefore + " -> " + shop.orders());
        }
        return phase;
    }

    static OrderPhase orders(String name, ZaikoServer server, OrderShop shop, List<String> skus, long stockPerSku,
                             LoadDriver.Plan plan) throws InterruptedException {
        return run(name, server, skus, "/api/orders", plan, outcome -> shop.check(skus, stockPerSku,
                outcome.unitsReservedInRun()));
    }

    interface Checker {
        OrderCheck check(LoadDriver.Outcome outcome);
    }

    private static OrderPhase run(String name, ZaikoServer server, List<String> skus, String path, LoadDriver.Plan plan,
                                  Checker checker) throws InterruptedException {
        HttpClient http = OrderTraffic.client();
        OrderTraffic traffic = new OrderTraffic(name, server.baseUrl(), path,
                List.of(OrderShop.WEB, OrderShop.MARKETPLACE), skus,
                "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-", http);
        AtomicReference<CpuAccount.Usage> usage = new AtomicReference<>();
        Thread sampler = null;
        if (!plan.fixedAttempts()) {
            long start = System.nanoTime();
            sampler = new Thread(() -> usage.set(sample(server, start + plan.warmupNanos(),
                    start + plan.warmupNanos() + plan.durationNanos() - CPU_WINDOW_MARGIN_NANOS)), "cpu-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }
        LoadDriver.Outcome outcome = new LoadDriver().run(traffic, plan);
        if (sampler != null) sampler.join();
        OrderCheck check = checker == null ? null : checker.check(outcome);
        return new OrderPhase(name, plan.buyers(), skus.size(), outcome, check, usage.get());
    }

    private static CpuAccount.Usage sample(ZaikoServer server, long from, long to) {
        try {
            sleepUntil(from);
            CpuAccount.Snapshot first = CpuAccount.Snapshot.take(server.postmasterPid());
            sleepUntil(to);
            CpuAccount.Snapshot last = CpuAccount.Snapshot.take(server.postmasterPid());
            return CpuAccount.between(first, last, Runtime.getRuntime().availableProcessors());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
