package dev.zaiko.bench;

/**
 * One phase of the order bench.
 *
 * @param check null for the echo baseline (no orders)
 * @param cpu   null when the phase ran a fixed number of orders rather than a measured window
 */
record OrderPhase(String phase, int clients, int skus, LoadDriver.Outcome outcome, OrderCheck check,
                  CpuAccount.Usage cpu) {

    double ordersPerSecond() {
        return outcome.reservationsPerSecond();
    }

    String summary() {
        LatencyRecorder l = outcome.latencies();
        return "%d orders, %d allocated, %d refused, %d errors, %.0f orders/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%s%s"
                .formatted(outcome.attempts(), outcome.succeeded(), outcome.refused(), outcome.errors(),
                        ordersPerSecond(), l.percentileMillis(50), l.percentileMillis(99), l.percentileMillis(99.9),
                        check == null ? "" : ", correct: " + check.verdict(),
                        outcome.firstError() == null ? "" : ", first error: " + outcome.firstError());
    }
}
