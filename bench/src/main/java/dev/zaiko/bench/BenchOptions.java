package dev.zaiko.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line settings. The defaults model a flash sale on a 2-core machine: 2,000 buyers at
 * once on the hot SKU, served through a pool of 64 connections as an application server would
 * (PostgreSQL on 2 cores gains nothing from more), and runs short enough to finish in minutes.
 */
record BenchOptions(int buyers, int poolSize, int warmupSeconds, int durationSeconds, int stock,
                    int scarceStock, int attempts, int asyncSubmitters, List<String> strategies,
                    boolean throughputPhase, boolean oversellPhase) {

    static final String USAGE = """
            Usage: java -jar bench/target/zaiko-bench.jar [--option=value ...]
              --buyers=2000            concurrent buyers (threads, or outstanding async requests)
              --pool=min(buyers,64)    JDBC connections in the harness's pool
              --warmup=3               throughput phase: seconds of load not counted
              --duration=10            throughput phase: seconds measured
              --stock=2000000          throughput phase: units on the shelf (ample)
              --scarce-stock=1000      oversell phase: units on the shelf
              --attempts=20000         oversell phase: reservation attempts of 1 unit each
              --async-threads=2        submitting threads for asynchronous strategies
              --strategies=%s
              --phases=throughput,oversell
              --help
            The order path over HTTP: java -jar bench/target/zaiko-bench.jar orders --help
            Crash and restart under load: java -jar bench/target/zaiko-bench.jar chaos --help
            """;

    static BenchOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expected --option=value but got " + arg);
            }
            given.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        int buyers = positive(given, "buyers", 2000);
        BenchOptions options = new BenchOptions(
                buyers,
                positive(given, "pool", Math.min(buyers, 64)),
                seconds(given, "warmup", 3),
                seconds(given, "duration", 10),
                positive(given, "stock", 2_000_000),
                positive(given, "scarce-stock", 1_000),
                positive(given, "attempts", 20_000),
                positive(given, "async-threads", 2),
                list(given.get("strategies"), String.join(",", Strategies.names())).stream()
                        .map(String::toUpperCase).toList(),
                phases(given).contains("throughput"),
                phases(given).contains("oversell"));
        List<String> known = List.of("buyers", "pool", "warmup", "duration", "stock", "scarce-stock",
                "attempts", "async-threads", "strategies", "phases");
        List<String> unknown = given.keySet().stream().filter(key -> !known.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown options " + unknown);
        }
        options.strategies().forEach(Strategies::create); // fail on a typo before starting PostgreSQL
        if (options.durationSeconds() == 0 && options.throughputPhase()) {
            throw new IllegalArgumentException("--duration must be at least 1 second");
        }
        return options;
    }

    static String usage() {
        return USAGE.formatted(String.join(",", Strategies.names()));
    }

    private static List<String> phases(Map<String, String> given) {
        List<String> phases = list(given.get("phases"), "throughput,oversell").stream()
                .map(String::toLowerCase).toList();
        for (String phase : phases) {
            if (!phase.equals("throughput") && !phase.equals("oversell")) {
                throw new IllegalArgumentException("Unknown phase " + phase);
            }
        }
        return phases;
    }

    private static List<String> list(String value, String defaults) {
        List<String> items = new ArrayList<>();
        for (String item : (value == null ? defaults : value).split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static int positive(Map<String, String> given, String key, int defaultValue) {
        int value = integer(given, key, defaultValue);
        if (value <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive");
        }
        return value;
    }

    private static int seconds(Map<String, String> given, String key, int defaultValue) {
        String raw = given.get(key);
        if (raw != null && raw.endsWith("s")) {
            given.put(key, raw.substring(0, raw.length() - 1));
        }
        int value = integer(given, key, defaultValue);
        if (value < 0) {
            throw new IllegalArgumentException("--" + key + " must not be negative");
        }
        return value;
    }

    private static int integer(Map<String, String> given, String key, int defaultValue) {
        String raw = given.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " expects a whole number but got " + raw);
        }
    }

    @Override
    public String toString() {
        return "buyers=" + buyers + " pool=" + poolSize + " warmup=" + warmupSeconds + "s duration="
                + durationSeconds + "s stock=" + stock + " scarce-stock=" + scarceStock + " attempts="
                + attempts + " async-threads=" + asyncSubmitters + " strategies=" + strategies
                + " phases=" + (throughputPhase ? "throughput" : "")
                + (throughputPhase && oversellPhase ? "," : "") + (oversellPhase ? "oversell" : "");
    }

    /**
     * The command line read by {@code parse}; on {@code --help} the usage is printed and the answer is
     * empty; on a mistake the message and the usage go to stderr and the process ends with 2.
     */
    static <T> java.util.Optional<T> parseOrExit(java.util.function.Function<String[], T> parse, String usage,
                                               String[] args) {
        try {
            return java.util.Optional.of(parse.apply(args));
        } catch (HelpRequested e) {
            System.out.print(usage);
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            System.exit(2);
            return java.util.Optional.empty();
        }
    }

    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
