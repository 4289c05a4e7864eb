package dev.zaiko.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Zaiko as an operating-system process of its own, as a shop runs it: the app module's classes and
 * libraries only (not the bench's, not test classes), its own data directory and loopback port,
 * the same settings as {@link ZaikoServer} (the in-process Zaiko of the other benches). Made for
 * crash runs: {@link #kill()} is {@code kill -9}.
 * <p>
 * Where the classes come from: run from Maven or an IDE, the JVM's own class path minus the
 * bench's classes and any {@code test-classes}; run as {@code java -jar zaiko-bench.jar}, the
 * libraries inside the jar ({@code BOOT-INF/lib}, the app's jar among them), copied once per run
 * to a temporary directory, since a JVM cannot load jars nested in a jar by itself.
 * <p>
 * The app's tests have their own, smaller launcher ({@code support.ZaikoProcess}, used by
 * {@code platform.CrashRestartTest}): the app module cannot depend on the bench.
 */
public final class ZaikoProcess implements AutoCloseable {

    private static volatile String classPath;

    private final Process process;
    private final int port;
    private final Path log;

    private ZaikoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Zaiko on {@code dataDirectory} and returns at once; {@link #awaitUp} waits for it.
     *
     * @param logDirectory where its output goes, one file per start
     * @param settings     further {@code --name=value} settings
     */
    public static ZaikoProcess start(Path dataDirectory, Path logDirectory, List<String> settings) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-cp", classPath(), "dev.zaiko.ZaikoApplication"));
        command.addAll(ZaikoServer.settings(dataDirectory, port));
        command.addAll(List.of("--logging.level.root=WARN", "--logging.level.dev.zaiko=INFO"));
        command.addAll(settings);
        try {
            Files.createDirectories(logDirectory);
            Path log = Files.createTempFile(logDirectory, "zaiko-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            // a run stopped half-way (Ctrl-C) leaves no Zaiko behind; its watchdog then stops its PostgreSQL
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "zaiko-process-reaper"));
            return new ZaikoProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until it answers its health check; fails with the end of its log if it stopped or took too long. */
    public ZaikoProcess awaitUp(Duration atMost) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Zaiko stopped while starting (exit " + process.exitValue() + "):\n"
                        + logTail(60));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) return this;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            waitFor(Duration.ofMillis(300));
        }
        throw new IllegalStateException("Zaiko did not answer its health check within " + atMost + ":\n" + logTail(60));
    }

    /** {@code kill -9}: the JVM ends at once, no shutdown hook, nothing closed. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** Kills the processes it started (the embedded database's watchdog), as a crash of a whole group might. */
    public void killChildren() {
        process.children().forEach(ProcessHandle::destroyForcibly);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** The last lines of its output. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A graceful stop (SIGTERM), as Ctrl-C or a service manager does; kill -9 after a minute. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the process to end, at most {@code atMost}; answers whether it ended. */
    private boolean waitFor(Duration atMost) {
        try {
            return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Waits at most {@code atMost} for the process to end by itself (a fault point halted it). */
    public boolean awaitExit(Duration atMost) {
        return waitFor(atMost);
    }

    static synchronized String classPath() {
        if (classPath == null) {
            List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
            classPath = entries.size() == 1 && isBootJar(Path.of(entries.get(0)))
                    ? extractLibraries(Path.of(entries.get(0)))
                    : entries.stream().filter(entry -> !entry.endsWith("test-classes"))
                            .filter(entry -> !samePath(entry, ownClasses()))
                            .collect(Collectors.joining(File.pathSeparator));
        }
        return classPath;
    }

    private static boolean isBootJar(Path jar) {
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) return false;
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/lib/") != null || file.stream()
                    .anyMatch(e -> e.getName().startsWith("BOOT-INF/lib/"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Copies the jar's libraries (the app's jar and everything it needs) to a directory deleted at exit. */
    private static String extractLibraries(Path bootJar) {
        try {
            Path directory = Files.createTempDirectory("zaiko-bench-libs");
            directory.toFile().deleteOnExit();
            try (JarFile jar = new JarFile(bootJar.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!name.startsWith("BOOT-INF/lib/") || !name.endsWith(".jar")) continue;
                    Path target = directory.resolve(name.substring("BOOT-INF/lib/".length()));
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    target.toFile().deleteOnExit();
                }
            }
            return directory.resolve("*").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the libraries of " + bootJar, e);
        }
    }

    private static String ownClasses() {
        try {
            return Path.of(ZaikoProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return "";
        }
    }

    private static boolean samePath(String entry, String other) {
        return !other.isEmpty() && Path.of(entry).toAbsolutePath().normalize()
                .equals(Path.of(other).toAbsolutePath().normalize());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
