package dev.zaiko.bench;

/** One row of the report. */
record PhaseResult(String strategy, String phase, int buyers, int stock, LoadDriver.Outcome outcome,
                   CountersCheck check) {

    String summary() {
        return "%d attempts, %d reserved, %d refused, %d errors, %.0f reservations/s, p50 %.2f ms, p99 %.2f ms, oversold %d, counters agree: %s"
                .formatted(outcome.attempts(), outcome.succeeded(), outcome.refused(), outcome.errors(),
                        outcome.reservationsPerSecond(), outcome.latencies().percentileMillis(50),
                        outcome.latencies().percentileMillis(99), check.oversold(), check.verdict());
    }
}
