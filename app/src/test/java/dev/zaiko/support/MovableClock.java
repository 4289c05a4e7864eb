package dev.zaiko.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real clock plus an offset that a test moves forward, so that deadlines, timers and aged
 * backorders can be reached without waiting. Time keeps flowing (timestamps stay ordered inside
 * a test); {@link #reset()} returns to real time and belongs in an {@code @AfterEach}.
 */
public final class MovableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public MovableClock(ZoneId zone) {
        this(Clock.system(zone), new AtomicReference<>(Duration.ZERO));
    }

    private MovableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    public void advance(Duration by) {
        if (by.isNegative()) throw new IllegalArgumentException("Time only moves forward in tests: " + by);
        offset.accumulateAndGet(by, Duration::plus);
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MovableClock(base.withZone(zone), offset);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }
}
