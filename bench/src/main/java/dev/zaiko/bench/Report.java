package dev.zaiko.bench;

import java.util.List;

/** The Markdown the command prints, ready to paste into docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    static String markdown(BenchOptions options, MachineFacts machine, List<PhaseResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("## Flash sale on one hot SKU\n\n");
        out.append(machine.markdown()).append('\n');
        out.append("Settings: `").append(options).append("`\n\n");
        out.append("| Strategy | Phase | Buyers | Stock | Attempts | Reserved | Refused | Errors "
                + "| Reservations/s | p50 ms | p99 ms | Oversold | Counters agree |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (PhaseResult result : results) {
            LoadDriver.Outcome outcome = result.outcome();
            out.append("| %s | %s | %d | %d | %d | %d | %d | %d | %.0f | %.2f | %.2f | %d | %s |\n".formatted(
                    result.strategy(), result.phase(), result.buyers(), result.stock(), outcome.attempts(),
                    outcome.succeeded(), outcome.refused(), outcome.errors(), outcome.reservationsPerSecond(),
                    outcome.latencies().percentileMillis(50), outcome.latencies().percentileMillis(99),
                    result.check().oversold(), result.check().verdict()));
        }
        out.append("""

                Throughput rows count only the measured window, after the warm-up; their counters
                check covers the warm-up too. Latency is per attempt, from the call to the
                completion of its future, including the wait for a pooled connection. Oversold is
                units acknowledged to buyers beyond the stock. Counters agree when the level's
                reserved bucket, the open reservation rows, the SELLABLE to RESERVED ledger entries
                and the acknowledged units are equal, and sellable + reserved equals the stock.
                """);
        return out.toString();
    }
}
