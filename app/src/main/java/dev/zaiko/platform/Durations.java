package dev.zaiko.platform;

import java.time.Duration;

/** What the modules' settings and retries do with durations. */
public final class Durations {

    private Durations() {
    }

    /** More than zero (Duration.isPositive is Java 18). */
    public static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /**
     * The wait after the {@code attempts}-th failed attempt: {@code first} after the first, doubling
     * with each further one, never more than {@code max}.
     */
    public static Duration doubling(Duration first, Duration max, int attempts) {
        Duration wait = first;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) wait = wait.multipliedBy(2);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
