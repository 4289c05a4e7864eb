package dev.zaiko.bench;

import java.util.Locale;

/**
 * {@code java -jar zaiko-bench.jar chaos --rounds=N}: the crash harness ({@link ChaosRun}) for as
 * many rounds as asked. Markdown report on standard output, progress on standard error; exit code 1
 * when anything acknowledged was lost or duplicated or any other check failed.
 */
public final class ChaosBench {

    private ChaosBench() {
    }

    public static void main(String[] args) throws Exception {
        var parsed = BenchOptions.parseOrExit(ChaosOptions::parse, ChaosOptions.USAGE, args);
        if (parsed.isEmpty()) return;
        Locale.setDefault(Locale.ROOT);
        ChaosOptions options = parsed.get();
        System.err.println("[chaos] Settings: " + options);
        ChaosRun.Report report = new ChaosRun(options, System.err).run();
        System.out.print(report.markdown());
        System.exit(report.passed() ? 0 : 1);
    }
}
