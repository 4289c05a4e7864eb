package dev.zaiko.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where the CPU went during a window: the bench JVM's threads by role (load generator, HTTP
 * server threads running the order logic, the reservation engine, the JVM's own GC and JIT),
 * the embedded PostgreSQL's processes (children of this JVM), and the rest of the machine (other
 * builds on a shared box). Linux only; elsewhere the figures read as unknown (-1).
 */
final class CpuAccount {

    static final String LOAD_GENERATOR = "load generator";
    static final String HTTP_THREADS = "HTTP threads (Tomcat: request, JSON, order logic, JDBC)";
    static final String ENGINE = "reservation engine";
    static final String JVM_INTERNAL = "JVM (GC, JIT, other threads)";
    static final String POSTGRES = "PostgreSQL";
    static final String ELSEWHERE = "other processes on the machine";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on every mainstream Linux build

    /** A point in time: per-thread CPU, this process, PostgreSQL's processes, the machine. */
    record Snapshot(long wallNanos, Map<Long, Long> threadCpu, Map<Long, String> threadNames, long processCpu,
                    long postgresCpu, long machineBusy, long machineSteal, long machineTotal) {

        /** @param postmasterPid the embedded PostgreSQL's main process, or -1 when unknown */
        static Snapshot take(long postmasterPid) {
            Map<Long, Long> cpu = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info == null) continue;
                long t = THREADS.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
            long process = ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
            long[] machine = machine();
            return new Snapshot(System.nanoTime(), cpu, names, process, postgresTicks(postmasterPid), machine[0], machine[1],
                    machine[2]);
        }
    }

    /**
     * Core-milliseconds per role between two snapshots, and the machine's.
     *
     * @param byRole        core-ms per role, in report order
     * @param machineCores  cores' worth of busy time on the whole machine (all processes)
     * @param stealPercent  share of the machine's time taken by the hypervisor
     */
    record Usage(double wallMillis, Map<String, Double> byRole, double machineBusyCores, double stealPercent) {

        double cores(String role) {
            return byRole.getOrDefault(role, 0.0) / wallMillis;
        }
    }

    private CpuAccount() {
    }

    static Usage between(Snapshot from, Snapshot to, int cores) {
        Map<String, Double> roles = new LinkedHashMap<>();
        for (String role : List.of(LOAD_GENERATOR, HTTP_THREADS, ENGINE, JVM_INTERNAL, POSTGRES, ELSEWHERE)) {
            roles.put(role, 0.0);
        }
        long javaThreads = 0;
        for (Map.Entry<Long, Long> e : to.threadCpu().entrySet()) {
            long delta = e.getValue() - from.threadCpu().getOrDefault(e.getKey(), 0L);
            javaThreads += delta;
            String role = roleOf(to.threadNames().get(e.getKey()));
            roles.merge(role, delta / 1e6, Double::sum);
        }
        double wallMillis = (to.wallNanos() - from.wallNanos()) / 1e6;
        if (from.processCpu() >= 0) {
            // time of threads that are not Java threads (GC, JIT) or that ended inside the window
            roles.merge(JVM_INTERNAL, Math.max(0, (to.processCpu() - from.processCpu() - javaThreads) / 1e6),
                    Double::sum);
        }
        double postgres = from.postgresCpu() < 0 ? -1 : (to.postgresCpu() - from.postgresCpu()) * TICK_NANOS / 1e6;
        roles.put(POSTGRES, postgres);
        long total = to.machineTotal() - from.machineTotal();
        double busyCores = total <= 0 ? -1 : (double) (to.machineBusy() - from.machineBusy()) / total * cores;
        double steal = total <= 0 ? -1 : 100.0 * (to.machineSteal() - from.machineSteal()) / total;
        if (busyCores >= 0 && postgres >= 0 && from.processCpu() >= 0) {
            double ours = (to.processCpu() - from.processCpu()) / 1e6 + postgres;
            roles.put(ELSEWHERE, Math.max(0, busyCores * wallMillis - ours));
        } else {
            roles.put(ELSEWHERE, -1.0);
        }
        return new Usage(wallMillis, roles, busyCores, steal);
    }

    static String roleOf(String threadName) {
        if (threadName == null) return JVM_INTERNAL;
        if (threadName.startsWith("buyer-") || threadName.startsWith("HttpClient-")
                || threadName.startsWith("client-")) {
            return LOAD_GENERATOR;
        }
        if (threadName.startsWith("http-nio-")) return HTTP_THREADS;
        if (threadName.startsWith("zaiko-reserve-")) return ENGINE;
        return JVM_INTERNAL;
    }

    /**
     * The postmaster and every process below it (backends, WAL writer, checkpointer): user +
     * system clock ticks. pg_ctl leaves the postmaster to init, so it is found by its pid file.
     */
    private static long postgresTicks(long postmasterPid) {
        if (postmasterPid < 0) return -1;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            Map<Long, Long> parents = new HashMap<>();
            Map<Long, Long> ticks = new HashMap<>();
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // the command name sits in parentheses and may contain spaces
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    parents.put(pid, Long.parseLong(f[1]));
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            });
            Set<Long> below = new TreeSet<>(Set.of(postmasterPid));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Map.Entry<Long, Long> e : parents.entrySet()) {
                    if (below.contains(e.getValue()) && below.add(e.getKey())) grew = true;
                }
            }
            return below.stream().mapToLong(pid -> ticks.getOrDefault(pid, 0L)).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** busy, steal and total jiffies of all cores since boot ({@code /proc/stat}). */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]), iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]), steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long total = user + nice + system + idle + iowait + irq + softirq + steal;
            return new long[] {user + nice + system + irq + softirq, steal, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }
}
