package dev.zaiko.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Flash sale on one hot SKU: every strategy, one after the other, on the same embedded
 * PostgreSQL, through a throughput phase (ample stock, fixed duration) and an oversell phase
 * (scarce stock, many more attempts than units). Prints a Markdown report on standard output
 * and progress on standard error.
 */
public final class FlashSaleBench {

    private FlashSaleBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("orders")) {
            OrderPathBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("chaos")) {
            ChaosBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("connectors")) {
            ConnectorBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("insight")) {
            InsightBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("propagation")) {
            PropagationBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        var parsed = BenchOptions.parseOrExit(BenchOptions::parse, BenchOptions.usage(), args);
        if (parsed.isEmpty()) return;
        BenchOptions options = parsed.get();
        Locale.setDefault(Locale.ROOT);
        progress("Settings: " + options);
        progress("Starting embedded PostgreSQL and applying migrations");
        try (Fixture fixture = Fixture.start(options.poolSize())) {
            MachineFacts machine = MachineFacts.of(fixture);
            List<PhaseResult> results = new ArrayList<>();
            for (String name : options.strategies()) {
                if (options.throughputPhase()) {
                    results.add(throughput(fixture, Strategies.create(name), options));
                }
                if (options.oversellPhase()) {
                    results.add(oversell(fixture, Strategies.create(name), options));
                }
            }
            System.out.print(Report.markdown(options, machine, results));
        }
    }

    static PhaseResult throughput(Fixture fixture, Strategy strategy, BenchOptions options) throws Exception {
        progress("%s throughput: %d buyers, %d s warm-up + %d s measured, %d units in stock".formatted(
                strategy.name(), options.buyers(), options.warmupSeconds(), options.durationSeconds(),
                options.stock()));
        LoadDriver.Plan plan = LoadDriver.Plan.duration(options.buyers(),
                TimeUnit.SECONDS.toNanos(options.warmupSeconds()),
                TimeUnit.SECONDS.toNanos(options.durationSeconds()), options.asyncSubmitters());
        return runPhase(fixture, strategy, "throughput", options.stock(), plan);
    }

    static PhaseResult oversell(Fixture fixture, Strategy strategy, BenchOptions options) throws Exception {
        progress("%s oversell: %d buyers, %d attempts, %d units in stock".formatted(
                strategy.name(), options.buyers(), options.attempts(), options.scarceStock()));
        LoadDriver.Plan plan = LoadDriver.Plan.attempts(options.buyers(), options.attempts(),
                options.asyncSubmitters());
        return runPhase(fixture, strategy, "oversell", options.scarceStock(), plan);
    }

    static PhaseResult runPhase(Fixture fixture, Strategy strategy, String phase, int stock,
                                LoadDriver.Plan plan) throws Exception {
        fixture.reset(stock);
        strategy.setUp(fixture.context(plan.buyers()));
        LoadDriver.Outcome outcome;
        try {
            outcome = new LoadDriver().run(strategy, plan);
        } finally {
            strategy.tearDown();
        }
        CountersCheck check = fixture.check(stock, outcome.unitsReservedInRun());
        PhaseResult result = new PhaseResult(strategy.name(), phase, plan.buyers(), stock, outcome, check);
        progress("  " + result.summary());
        if (outcome.firstError() != null) {
            progress("  first error: " + outcome.firstError());
        }
        return result;
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
