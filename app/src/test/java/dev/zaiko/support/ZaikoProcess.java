package dev.zaiko.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Zaiko as a separate operating-system process, as a shop runs it: the application's own classes
 * and libraries (no test classes, no test profile), its own data directory and port. Made for
 * crash tests: {@link #kill()} is {@code kill -9}.
 */
public final class ZaikoProcess implements AutoCloseable {

    public static final String TOKEN = "crash-test-bootstrap-token-0123456789";

    private final Process process;
    private final int port;
    private final Path log;

    private ZaikoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Zaiko on {@code dataDir} and returns at once; {@link #awaitUp()} waits for it. */
    public static ZaikoProcess start(Path dataDir, String... properties) {
        int port = freePort();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // a crash test's Zaiko lives for seconds: the quick compiler alone and the serial
                // collector start it about three times faster on a busy two-core machine, where the
                // optimizing compiler's threads would compete with the tests' own JVM
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classpath, "dev.zaiko.ZaikoApplication",
                "--zaiko.data-dir=" + dataDir, "--server.port=" + port,
                "--zaiko.access.bootstrap-token=" + TOKEN, "--zaiko.access.admin-password=crash-test-password",
                "--logging.level.root=WARN", "--logging.level.dev.zaiko=INFO"));
        command.addAll(List.of(properties));
        try {
            Path log = Files.createTempFile(Path.of("target"), "zaiko-process-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            // a test run stopped half-way (Ctrl-C, a build timeout) leaves no Zaiko behind; its watchdog
            // then stops its PostgreSQL
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "zaiko-process-reaper"));
            return new ZaikoProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until it answers its health check, or fails with its log if it stopped. */
    public ZaikoProcess awaitUp() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (!process.isAlive()) throw new AssertionError("Zaiko stopped while starting:\n" + log());
            return health() == 200;
        });
        return this;
    }

    /** Waits until the process ends by itself (a refused start), and answers its exit code. */
    public int awaitExit() {
        await().atMost(Duration.ofMinutes(3)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    public int health() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public ShopApi api() {
        ShopApi api = new ShopApi(port) { };
        api.useToken(TOKEN);
        return api;
    }

    public String base() {
        return "http://localhost:" + port;
    }

    /** The port its API answers on (a test's own client for it). */
    public int port() {
        return port;
    }

    /** {@code kill -9}: the JVM ends at once, with no shutdown hook and nothing closed. */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** The processes it started that are still its children (the database watchdog). */
    public List<ProcessHandle> children() {
        return process.children().toList();
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A graceful stop (SIGTERM), as Ctrl-C or a service manager does. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The PostgreSQL server process running on a data directory, if any. */
    public static Optional<ProcessHandle> postgresOn(Path dataDir) {
        Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pid)) return Optional.empty();
            long number = Long.parseLong(Files.readAllLines(pid).get(0).trim());
            return ProcessHandle.of(number).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
