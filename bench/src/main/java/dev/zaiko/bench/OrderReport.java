package dev.zaiko.bench;

import java.util.List;
import java.util.Map;

/** The Markdown {@code orders} prints, ready to paste into docs/benchmarks.md. */
final class OrderReport {

    private OrderReport() {
    }

    static String markdown(OrderBenchOptions options, MachineFacts machine, String loadBefore, ZaikoServer server,
                           List<OrderPhase> phases) {
        StringBuilder out = new StringBuilder("## Order path over HTTP\n\n");
        out.append(machine.markdown().replaceFirst("before the run: [^;]*;", "before the run: " + loadBefore + ";"));
        out.append("- Zaiko: HTTP threads max ").append(server.property("server.tomcat.threads.max", "200"))
                .append(", JDBC pool ").append(server.property("zaiko.db.pool-size", "24"))
                .append(", reservation workers ").append(server.property("zaiko.reservations.workers", "8"))
                .append('\n');
        out.append("\nSettings: `").append(options).append("`\n\n");
        out.append("| Phase | Clients | SKUs | Orders | Allocated | Refused | Errors | Orders/s | p50 ms | p99 ms "
                + "| p99.9 ms | max ms | Correct |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (OrderPhase p : phases) {
            LoadDriver.Outcome o = p.outcome();
            LatencyRecorder l = o.latencies();
            out.append("| %s | %d | %d | %d | %d | %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %s |\n".formatted(
                    p.phase(), p.clients(), p.skus(), o.attempts(), o.succeeded(), o.refused(), o.errors(),
                    p.ordersPerSecond(), l.percentileMillis(50), l.percentileMillis(99), l.percentileMillis(99.9),
                    l.maxNanos() / 1e6, p.check() == null ? "writes nothing" : p.check().verdict()));
        }
        out.append("\nCPU over each measured window, in cores busy (and core-ms per order):\n\n");
        out.append("| Phase |");
        List<String> roles = phases.stream().filter(p -> p.cpu() != null).findFirst()
                .map(p -> List.copyOf(p.cpu().byRole().keySet())).orElse(List.of());
        for (String role : roles) out.append(' ').append(role).append(" |");
        out.append(" machine busy | steal |\n|---|");
        out.append("--:|".repeat(roles.size() + 2)).append('\n');
        for (OrderPhase p : phases) {
            if (p.cpu() == null) continue;
            double ordersInWindow = p.ordersPerSecond() * p.cpu().wallMillis() / 1000;
            out.append("| ").append(p.phase()).append(" |");
            for (Map.Entry<String, Double> e : p.cpu().byRole().entrySet()) {
                if (e.getValue() < 0) {
                    out.append(" unknown |");
                } else {
                    out.append(" %.2f (%.3f) |".formatted(e.getValue() / p.cpu().wallMillis(),
                            ordersInWindow == 0 ? 0 : e.getValue() / ordersInWindow));
                }
            }
            out.append(" %.2f of %d | %.1f %% |\n".formatted(p.cpu().machineBusyCores(), machine.cores(),
                    p.cpu().stealPercent()));
        }
        out.append("""

                Closed loop: each client sends its next order as soon as the previous one is answered.
                Orders/s counts ALLOCATED answers in the measured window; latency is per order, from the
                send to the full answer. Correct: every order the clients were told was ALLOCATED is an
                ALLOCATED order line, stock level reserved = those units = open reservations, sellable +
                reserved = stock, and GET /api/stock/consistency is consistent (warm-up included).
                """);
        return out.toString();
    }
}
