package dev.zaiko.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Zaikos a crash test starts one after another on one data directory of its own. After each
 * test every one still running is stopped, and the test fails unless no PostgreSQL is left on the
 * directory: a crash test must not leave a server behind. Register with {@code @RegisterExtension}.
 */
public final class ZaikoOnOneDataDirectory implements AfterEachCallback {

    private final Path dataDir;
    private final List<ZaikoProcess> started = new ArrayList<>();

    public ZaikoOnOneDataDirectory(String name) {
        this.dataDir = Path.of("target", "crash-test-data", ShopApi.unique(name)).toAbsolutePath();
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Starts one more Zaiko on the directory (it may be refused, or halt at an armed fault point).
     * The first one finds the directory as a Zaiko left it after its first start and a graceful
     * stop ({@link StartedOnceDataDirectory}).
     */
    public ZaikoProcess start(String... properties) {
        if (started.isEmpty() && !java.nio.file.Files.exists(dataDir)) StartedOnceDataDirectory.copyTo(dataDir);
        ZaikoProcess zaiko = ZaikoProcess.start(dataDir, properties);
        started.add(zaiko);
        return zaiko;
    }

    /** The PostgreSQL server running on the directory, if any. */
    public Optional<ProcessHandle> postgres() {
        return ZaikoProcess.postgresOn(dataDir);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(ZaikoProcess::close);
        await().atMost(Duration.ofSeconds(90)).until(() -> postgres().isEmpty());
    }
}
