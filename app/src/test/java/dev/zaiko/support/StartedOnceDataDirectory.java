package dev.zaiko.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A data directory as a Zaiko leaves it after its first start and a graceful stop: PostgreSQL's
 * cluster made and every migration applied, the secrets key written. Made once per test JVM by a
 * real Zaiko process (the application's own first start, not a copy of its steps), then copied
 * into each crash test's directory, so that crash tests spend their time on the crash and the
 * restart they are about, not on one more {@code initdb} and migration run each.
 */
final class StartedOnceDataDirectory {

    /** What a stopped Zaiko may leave behind that belongs to that process, not to the data. */
    private static final Set<String> PROCESS_FILES = Set.of("zaiko.lock", "postmaster.pid", "epg-lock");

    private static Path template;

    private StartedOnceDataDirectory() {
    }

    /** Fills {@code dataDir} (which must not exist yet) with a copy of the started-once directory. */
    static void copyTo(Path dataDir) {
        Path from = template();
        try {
            Files.createDirectories(dataDir.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                if (PROCESS_FILES.contains(source.getFileName().toString())) continue;
                Path target = dataDir.resolve(from.relativize(source).toString());
                // with its attributes: PostgreSQL refuses a cluster directory others may read
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path template() {
        if (template == null) {
            Path dir = Path.of("target", "crash-test-data", ShopApi.unique("started-once")).toAbsolutePath();
            try (ZaikoProcess zaiko = ZaikoProcess.start(dir)) {
                zaiko.awaitUp();
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> ZaikoProcess.postgresOn(dir).isEmpty());
            template = dir;
        }
        return template;
    }
}
