package dev.zaiko.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of {@code zaiko-bench.jar orders}. The defaults: 200 concurrent clients (Tomcat's
 * default of 200 request threads, so none waits for a thread while the server has one), and
 * warm-ups long enough for the JIT to have compiled the order path: at a few hundred orders a
 * second, 10 s left the hot phase at a third of its steady rate on our 2-core machine; 30 s after
 * the echo phase (which compiles the HTTP stack) and 60 s for a hot phase run alone reach it.
 *
 * @param appArguments Zaiko settings passed through ({@code --app.zaiko.db.pool-size=32} becomes
 *                     {@code --zaiko.db.pool-size=32}); none by default: Zaiko as shipped
 */
record OrderBenchOptions(int clients, int warmupSeconds, int durationSeconds, int hotStock, int coldSkus,
                         int coldStock, List<String> phases, List<String> appArguments) {

    static final List<String> PHASES = List.of("echo", "hot", "cold");

    static final String USAGE = """
            Usage: java -jar bench/target/zaiko-bench.jar orders [--option=value ...]
              --clients=200            concurrent clients, each sending its next order when answered
              --warmup=30              seconds of load per phase that are not counted
              --duration=15            seconds measured per phase
              --stock=1000000          units of the hot SKU
              --cold-skus=1000         SKUs of the cold baseline, each picked at random per order
              --cold-stock=10000       units of each cold SKU
              --phases=echo,hot,cold   echo: the same body to a trivial endpoint (no database);
                                       hot: POST /api/orders on one SKU; cold: spread over the cold SKUs
              --app.NAME=VALUE         a Zaiko setting, e.g. --app.zaiko.db.pool-size=32 (default: none)
              --help
            """;

    static OrderBenchOptions parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> app = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) throw new BenchOptions.HelpRequested();
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expected --option=value but got " + arg);
            }
            if (arg.startsWith("--app.")) {
                app.add("--" + arg.substring("--app.".length()));
            } else {
                given.put(arg.substring(2, equals), arg.substring(equals + 1));
            }
        }
        List<String> known = List.of("clients", "warmup", "duration", "stock", "cold-skus", "cold-stock", "phases");
        List<String> unknown = given.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) throw new IllegalArgumentException("Unknown options " + unknown);
        List<String> phases = new ArrayList<>();
        for (String p : given.getOrDefault("phases", String.join(",", PHASES)).split(",")) {
            String phase = p.trim().toLowerCase();
            if (phase.isEmpty()) continue;
            if (!PHASES.contains(phase)) throw new IllegalArgumentException("Unknown phase " + p + "; known: " + PHASES);
            phases.add(phase);
        }
        if (phases.isEmpty()) throw new IllegalArgumentException("--phases names no phase");
        return new OrderBenchOptions(positive(given, "clients", 200), number(given, "warmup", 30),
                positive(given, "duration", 15), positive(given, "stock", 1_000_000),
                positive(given, "cold-skus", 1_000), positive(given, "cold-stock", 10_000), List.copyOf(phases),
                List.copyOf(app));
    }

    private static int positive(Map<String, String> given, String key, int defaultValue) {
        int value = number(given, key, defaultValue);
        if (value <= 0) throw new IllegalArgumentException("--" + key + " must be positive");
        return value;
    }

    private static int number(Map<String, String> given, String key, int defaultValue) {
        String raw = given.get(key);
        if (raw == null) return defaultValue;
        if (raw.endsWith("s") && (key.equals("warmup") || key.equals("duration"))) {
            raw = raw.substring(0, raw.length() - 1);
        }
        try {
            int value = Integer.parseInt(raw.replace("_", ""));
            if (value < 0) throw new IllegalArgumentException("--" + key + " must not be negative");
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " expects a whole number but got " + raw);
        }
    }

    @Override
    public String toString() {
        return "orders --clients=" + clients + " --warmup=" + warmupSeconds + " --duration=" + durationSeconds
                + " --stock=" + hotStock + " --cold-skus=" + coldSkus + " --cold-stock=" + coldStock + " --phases="
                + String.join(",", phases) + (appArguments.isEmpty() ? "" : " app: " + String.join(" ", appArguments));
    }
}
