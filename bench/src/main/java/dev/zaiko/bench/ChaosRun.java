package dev.zaiko.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import tools.jackson.databind.node.ObjectNode;

/**
 * The crash harness: Zaiko as a process of its own on a data directory of its own; each round
 * drives {@link ChaosLoad}, kills the JVM with {@code kill -9} after a random number of
 * acknowledged operations (sometimes its database watchdog first, so its PostgreSQL outlives it),
 * starts Zaiko again on the same directory and runs {@link ChaosCheck}. The plan (kill points,
 * which rounds kill the watchdog, each thread's choices) comes from one seed, printed so that a
 * failing run can be replayed; the threads' interleaving is the machine's.
 */
final class ChaosRun {

    /** What a run did and found. {@code failures} name their round. */
    record Report(ChaosOptions options, int rounds, int kills, int watchdogKills, List<Duration> starts,
                  long operations, String operationsByKind, long refusals, long unanswered, long lost,
                  long duplicated, List<String> failures, List<Duration> feedConvergence, Duration elapsed,
                  Path workDirectory) {

        boolean passed() {
            return failures.isEmpty() && lost == 0 && duplicated == 0;
        }

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append("## Chaos run\n\n");
            out.append("`java -jar bench/target/zaiko-bench.jar chaos ").append(options).append("`\n\n");
            out.append("| rounds | kills (of them with the watchdog) | starts | operations acknowledged | refused | unanswered | lost | duplicated | result |\n");
            out.append("|---|---|---|---|---|---|---|---|---|\n");
            out.append("| %d | %d (%d) | %d | %d | %d | %d | %d | %d | %s |\n".formatted(rounds, kills, watchdogKills,
                    starts.size(), operations, refusals, unanswered, lost, duplicated, passed() ? "pass" : "FAIL"));
            out.append("\nOperations: ").append(operationsByKind).append(".\n");
            out.append("Start after a kill: ").append(range(starts.size() > 1 ? starts.subList(1, starts.size()) : starts))
                    .append("; first start ").append(starts.isEmpty() ? "-" : seconds(starts.get(0))).append(".\n");
            out.append("Feed = true ATS, after the restart: ").append(range(feedConvergence)).append(".\n");
            out.append("Elapsed: ").append(seconds(elapsed)).append(".\n");
            if (!failures.isEmpty()) {
                out.append("\nFailures (data and logs kept in ").append(workDirectory).append("):\n\n");
                failures.forEach(f -> out.append("- ").append(f).append('\n'));
            }
            return out.toString();
        }

        private static String range(List<Duration> values) {
            if (values.isEmpty()) return "-";
            List<Duration> sorted = values.stream().sorted().toList();
            return "median " + seconds(sorted.get(sorted.size() / 2)) + ", max " + seconds(sorted.get(sorted.size() - 1));
        }

        private static String seconds(Duration d) {
            return "%.1f s".formatted(d.toMillis() / 1000.0);
        }
    }

    private final ChaosOptions options;
    private final PrintStream progress;

    ChaosRun(ChaosOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    Report run() throws IOException, InterruptedException {
        long began = System.nanoTime();
        Path work = Files.createTempDirectory("zaiko-chaos");
        Path data = work.resolve("data");
        Path logs = work.resolve("logs");
        say("seed " + options.seed() + "; data and logs in " + work);
        ChaosBook book = new ChaosBook();
        List<String> failures = new ArrayList<>();
        List<Duration> starts = new ArrayList<>();
        List<Duration> feed = new ArrayList<>();
        long lost = 0, duplicated = 0;
        int kills = 0, watchdogKills = 0, round = 0;
        ZaikoProcess zaiko = start(data, logs, starts);
        try {
            ChaosClient client = new ChaosClient(zaiko.baseUrl());
            List<String> reservable = List.of("SCARCE", "AMPLE-1", "AMPLE-2");
            List<String> orderable = List.of("AMPLE-1", "AMPLE-2");
            setUp(client, book, options.scarceStock());
            for (round = 1; round <= options.rounds(); round++) {
                Random plan = new Random(options.seed() * 1_000_003L + round);
                int killAfter = 10 + plan.nextInt(options.maxKillAfter() - 9);
                boolean watchdogToo = plan.nextInt(3) == 0;
                List<String> lastUnits = new ArrayList<>();
                for (int i = 1; i <= options.stockouts(); i++) {
                    String sku = "LAST-" + round + "-" + i;
                    product(client, book, sku, 1);
                    lastUnits.add(sku);
                }
                book.mark();
                long before = book.operations();
                ChaosLoad load = new ChaosLoad(client, book, reservable, orderable, lastUnits, "C" + round,
                        options.reservers(), options.operationsPerThread(), plan.nextLong());
                load.start();
                book.awaitOperations(killAfter, load::finished, Duration.ofMinutes(5).toMillis());
                if (watchdogToo) {
                    zaiko.killChildren();
                    watchdogKills++;
                }
                zaiko.kill();
                kills++;
                long atKill = book.operations() - before;
                int thisRound = round;
                load.stop().forEach(e -> failures.add("round " + thisRound + ", under load: " + e));
                say("round %d: killed -9%s after %d acknowledged operations (planned %d)".formatted(round,
                        watchdogToo ? " with its watchdog" : "", atKill, killAfter));
                zaiko = start(data, logs, starts);
                client = new ChaosClient(zaiko.baseUrl());
                ChaosCheck.Result result = new ChaosCheck(client, book, options.settleBound(), options.feedBound()).run();
                lost += result.lost();
                duplicated += result.duplicated();
                result.failures().forEach(f -> failures.add("round " + thisRound + ": " + f));
                if (result.feedConvergence() != null) feed.add(result.feedConvergence());
                say("round %d: restarted in %.1f s; feed right after %s; checked in %.1f s: lost %d, duplicated %d, %d failure(s)"
                        .formatted(round, starts.get(starts.size() - 1).toMillis() / 1000.0,
                                result.feedConvergence() == null ? "NOT within " + options.feedBound().toSeconds() + " s"
                                        : "%.1f s".formatted(result.feedConvergence().toMillis() / 1000.0),
                                result.settled().toMillis() / 1000.0, result.lost(), result.duplicated(),
                                result.failures().size()));
            }
        } catch (RuntimeException e) {
            failures.add("round " + round + ": the run stopped: " + e);
        } finally {
            zaiko.close();
        }
        String byKind = Stream.of(ChaosBook.Kind.values())
                .map(k -> k.name().toLowerCase() + " " + book.acknowledged(k))
                .collect(java.util.stream.Collectors.joining(", "));
        Report report = new Report(options, Math.min(round, options.rounds()), kills, watchdogKills, starts,
                book.operations(), byKind, book.refusals(), book.unansweredRequests(), lost, duplicated,
                List.copyOf(failures), feed, Duration.ofNanos(System.nanoTime() - began), work);
        if (report.passed()) delete(work);
        return report;
    }

    private ZaikoProcess start(Path data, Path logs, List<Duration> starts) {
        long t = System.nanoTime();
        List<String> settings = new ArrayList<>(List.of(
                // refunds go through the built-in gateway's simulator, so they complete on their own
                "--zaiko.payment.gateway=built-in"));
        settings.addAll(options.app());
        ZaikoProcess zaiko = ZaikoProcess.start(data, logs, settings);
        try {
            zaiko.awaitUp(options.startBound());
        } catch (RuntimeException e) {
            zaiko.kill();
            throw e;
        }
        starts.add(Duration.ofNanos(System.nanoTime() - t));
        return zaiko;
    }

    /** A warehouse, the web shop selling from it, a scarce SKU and two ample ones. */
    static void setUp(ChaosClient client, ChaosBook book, int scarceStock) {
        client.ok(client.post("/api/locations", """
                {"code":"%s","kind":"WAREHOUSE","name":"Chaos warehouse"}""".formatted(ChaosLoad.WAREHOUSE)),
                "create the warehouse");
        client.ok(client.post("/api/channels", """
                {"code":"%s","kind":"OWN","name":"Web shop","online":true,"locations":["%s"]}"""
                .formatted(ChaosLoad.CHANNEL, ChaosLoad.WAREHOUSE)), "create the web shop");
        product(client, book, "SCARCE", scarceStock);
        product(client, book, "AMPLE-1", 100_000);
        product(client, book, "AMPLE-2", 100_000);
    }

    private static void product(ChaosClient client, ChaosBook book, String sku, int units) {
        ObjectNode product = ChaosClient.JSON.createObjectNode().put("sku", sku).put("category", "chaos")
                .put("price", ChaosLoad.UNIT_PRICE);
        product.putObject("name").put("ja", "試験品 " + sku).put("en", "Test item " + sku);
        client.ok(client.post("/api/products", product), "create product " + sku);
        client.ok(client.post("/api/stock/receipts", """
                {"sku":"%s","location":"%s","quantity":%d}""".formatted(sku, ChaosLoad.WAREHOUSE, units)),
                "receive " + sku);
        client.ok(client.post("/api/stock/inspections", """
                {"sku":"%s","location":"%s","passed":%d,"failed":0}""".formatted(sku, ChaosLoad.WAREHOUSE, units)),
                "inspect " + sku);
        book.received(sku, units);
    }

    private void say(String message) {
        progress.println("[chaos] " + message);
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e);
        }
    }
}
