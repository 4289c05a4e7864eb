package dev.zaiko.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The chaos command's settings; see {@link #USAGE}. */
record ChaosOptions(int rounds, long seed, int reservers, int operationsPerThread, int maxKillAfter, int scarceStock,
                    int stockouts, Duration feedBound, Duration settleBound, Duration startBound, List<String> app) {

    static final String USAGE = """
            Usage: java -jar bench/target/zaiko-bench.jar chaos [--option=value ...]
              --rounds=10            kill -9 and restart this many times
              --seed=random          replays a run's plan (printed at the start and in the report)
              --reservers=3          threads reserving (and releasing, committing) in each round
              --ops-per-thread=300   bound of each load thread's loop per round
              --max-kill-after=300   the kill comes after a random 10..N acknowledged operations of the round
              --scarce-stock=40      units of the scarce SKU (sells out: oversell pressure)
              --stockouts=4          orders per round whose single unit is found defective and cancelled
              --feed-bound=10        seconds after a restart within which the feed must show the true ATS
              --settle-bound=90      seconds within which refunds and emails must be there
              --start-bound=180      seconds a start may take
              --app.NAME=V           a Zaiko setting for every start
              --help
            """;

    static ChaosOptions defaults() {
        return parse(new String[0]);
    }

    static ChaosOptions parse(String... args) {
        int rounds = 10, reservers = 3, ops = 300, killAfter = 300, scarce = 40, stockouts = 4;
        int feed = 10, settle = 90, start = 180;
        long seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        List<String> app = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) throw new BenchOptions.HelpRequested();
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("Expected --option=value but got " + arg);
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            if (name.startsWith("app.")) {
                app.add("--" + name.substring(4) + "=" + value);
                continue;
            }
            long n;
            try {
                n = Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " expects a whole number but got " + value);
            }
            switch (name) {
                case "rounds" -> rounds = positive(name, n);
                case "seed" -> seed = n;
                case "reservers" -> reservers = positive(name, n);
                case "ops-per-thread" -> ops = positive(name, n);
                case "max-kill-after" -> killAfter = positive(name, n);
                case "scarce-stock" -> scarce = positive(name, n);
                case "stockouts" -> stockouts = (int) Math.max(0, n);
                case "feed-bound" -> feed = positive(name, n);
                case "settle-bound" -> settle = positive(name, n);
                case "start-bound" -> start = positive(name, n);
                default -> throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        if (killAfter < 10) throw new IllegalArgumentException("--max-kill-after must be at least 10");
        return new ChaosOptions(rounds, seed, reservers, ops, killAfter, scarce, stockouts, Duration.ofSeconds(feed),
                Duration.ofSeconds(settle), Duration.ofSeconds(start), List.copyOf(app));
    }

    ChaosOptions withRounds(int rounds) {
        return new ChaosOptions(rounds, seed, reservers, operationsPerThread, maxKillAfter, scarceStock, stockouts,
                feedBound, settleBound, startBound, app);
    }

    /** The same options with another seed; {@code null} keeps this one. */
    ChaosOptions withSeed(Long seed) {
        return seed == null ? this : new ChaosOptions(rounds, seed, reservers, operationsPerThread, maxKillAfter,
                scarceStock, stockouts, feedBound, settleBound, startBound, app);
    }

    private static int positive(String name, long n) {
        if (n <= 0 || n > Integer.MAX_VALUE) throw new IllegalArgumentException("--" + name + " must be positive");
        return (int) n;
    }

    @Override
    public String toString() {
        return "--rounds=%d --seed=%d --reservers=%d --ops-per-thread=%d --max-kill-after=%d --scarce-stock=%d "
                .formatted(rounds, seed, reservers, operationsPerThread, maxKillAfter, scarceStock)
                + "--stockouts=%d --feed-bound=%d --settle-bound=%d --start-bound=%d".formatted(stockouts,
                feedBound.toSeconds(), settleBound.toSeconds(), startBound.toSeconds())
                + app.stream().map(a -> " --app." + a.substring(2)).collect(java.util.stream.Collectors.joining());
    }
}
