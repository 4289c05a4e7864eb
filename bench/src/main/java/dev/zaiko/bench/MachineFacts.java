package dev.zaiko.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** What a reader needs to compare a table with one measured elsewhere. */
record MachineFacts(int cores, String cpu, long memoryBytes, String os, String java, long maxHeapBytes,
                    String postgres, String synchronousCommit, String fsync, String loadAverage) {

    static MachineFacts of(Fixture fixture) throws SQLException {
        return of(fixture.queryOne("show server_version"), fixture.queryOne("show synchronous_commit"),
                fixture.queryOne("show fsync"));
    }

    /** The facts of the database a started Zaiko runs on. */
    static MachineFacts of(ZaikoServer server) {
        return of(server.jdbc().queryForObject("show server_version", String.class),
                server.jdbc().queryForObject("show synchronous_commit", String.class),
                server.jdbc().queryForObject("show fsync", String.class));
    }

    static MachineFacts of(String postgresVersion, String synchronousCommit, String fsync) {
        long memory = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : -1;
        return new MachineFacts(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                Runtime.getRuntime().maxMemory(),
                postgresVersion,
                synchronousCommit,
                fsync,
                currentLoadAverage());
    }

    /** Another process busy on a small machine skews every number, so say so. */
    static String currentLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    String markdown() {
        return """
                - CPU: %d cores available to the JVM (%s)
                - Memory: %.1f GiB physical, %.1f GiB max heap
                - OS: %s
                - Java: %s
                - PostgreSQL: %s (embedded, synchronous_commit=%s, fsync=%s)
                - Load average (1, 5, 15 min) before the run: %s; after: %s
                """.formatted(cores, cpu, gib(memoryBytes), gib(maxHeapBytes), os, java, postgres,
                synchronousCommit, fsync, loadAverage, currentLoadAverage());
    }

    private static double gib(long bytes) {
        return bytes / (1024.0 * 1024 * 1024);
    }
}
