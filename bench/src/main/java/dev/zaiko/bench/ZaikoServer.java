package dev.zaiko.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.zaiko.ZaikoApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real Zaiko (the app module's Spring Boot application with its own embedded PostgreSQL,
 * fsync and synchronous commit on, exactly as {@code ./zaiko} runs it) on a random loopback
 * port, with a throw-away data directory deleted on close. Only the bench's trivial
 * {@link EchoEndpoint} is added, for the baseline.
 */
public final class ZaikoServer implements AutoCloseable {

    private final Path dataDirectory;
    private final ConfigurableApplicationContext context;
    private final int port;

    private ZaikoServer(Path dataDirectory, ConfigurableApplicationContext context, int port) {
        this.dataDirectory = dataDirectory;
        this.context = context;
        this.port = port;
    }

    /**
     * The admin token every bench request carries (provisioned at start as ZAIKO_BOOTSTRAP_TOKEN
     * would be), so the measured path includes the API's token check like any integration's call.
     */
    public static final String BEARER_TOKEN = "bench-" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();

    /** The {@code Authorization} header's value for {@link #BEARER_TOKEN}. */
    public static final String AUTHORIZATION = "Bearer " + BEARER_TOKEN;

    /** @param extraArguments further {@code --name=value} settings for the application, e.g. pool sizes */
    public static ZaikoServer start(String... extraArguments) throws IOException {
        Path dataDirectory = Files.createTempDirectory("zaiko-bench-app");
        String[] arguments = Stream.concat(settings(dataDirectory, 0).stream(), Stream.of(extraArguments))
                .toArray(String[]::new);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(ZaikoApplication.class, EchoEndpoint.class).run(arguments);
        } catch (RuntimeException e) {
            deleteQuietly(dataDirectory);
            throw e;
        }
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return new ZaikoServer(dataDirectory, context, port);
    }

    /**
     * The settings every bench starts Zaiko with, in this JVM or as a process of its own
     * ({@link ZaikoProcess}): loopback only, its own data directory, the bench's admin token.
     *
     * @param port 0 for any free port
     */
    static java.util.List<String> settings(Path dataDirectory, int port) {
        return java.util.List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--zaiko.data-dir=" + dataDirectory,
                "--spring.main.banner-mode=off",
                "--zaiko.access.bootstrap-token=" + BEARER_TOKEN);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** For what the API does not show (order rows by status); the bench reads, never writes, through it. */
    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** The embedded PostgreSQL's main process (from its pid file), -1 when it cannot be read. */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postgres").resolve("postmaster.pid"))
                    .get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A bean of the running application, e.g. its meter registry. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public String property(String name, String defaultValue) {
        return context.getEnvironment().getProperty(name, defaultValue);
    }

    @Override
    public void close() {
        context.close();
        deleteQuietly(dataDirectory);
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) return;
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e);
        }
    }
}
