package dev.zaiko.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Settings read often and changed rarely (the shop's calendar, contact's tone list), kept in memory. Each
 * change bumps a version number in the database; a node reads that number at most once per
 * {@link #CHECK_EVERY} and reloads when it moved, so a change made on another node is seen within
 * a second and a change made here at once ({@link #invalidate()}).
 */
public final class VersionedCache<T> {

    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(VersionedCache.class);

    public interface Source<T> {
        long version();

        T load();
    }

    private record Loaded<T>(long version, T value) {
    }

    private final String name;
    private final Source<T> source;
    private final Clock clock;
    private volatile Loaded<T> loaded;
    private volatile Instant nextCheck = Instant.MIN;

    public VersionedCache(String name, Source<T> source, Clock clock) {
        this.name = name;
        this.source = source;
        this.clock = clock;
    }

    public T get() {
        Instant now = clock.instant();
        Loaded<T> current = loaded;
        if (current != null && now.isBefore(nextCheck)) return current.value();
        synchronized (this) {
            current = loaded;
            if (current != null && now.isBefore(nextCheck)) return current.value();
            try {
                long version = source.version();
                if (current == null || version != current.version()) {
                    // the version is read before the rows: a change committed in between is
                    // loaded now and loaded again at the next check, never missed
                    current = new Loaded<>(version, source.load());
                    loaded = current;
                }
            } catch (DataAccessException e) {
                if (current == null) throw e;
                // the call queue keeps working on what it knew a moment ago
                log.warn("Could not check the {} settings for changes, using the ones loaded at version {}: {}",
                        name, current.version(), e.getClass().getSimpleName());
            }
            nextCheck = now.plus(CHECK_EVERY);
            return current.value();
        }
    }

    /** After a change made on this node: the next read checks the version at once. */
    public void invalidate() {
        nextCheck = Instant.MIN;
    }
}
