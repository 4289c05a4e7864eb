package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PushRateTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void requestsSpacedAtTheDocumentedRateAreNeverOverTheBucket() {
        List<Long> arrivals = List.of(0L, 200 * MS, 400 * MS, 600 * MS, 800 * MS, 1000 * MS, 1200 * MS);

        PushRate rate = PushRate.of(arrivals, 0, 1400 * MS, 5.0, 1, 0);

        assertThat(rate.requests()).isEqualTo(7);
        assertThat(rate.overBucket()).isZero();
        assertThat(rate.maxInAnySecond()).isEqualTo(5);
        assertThat(rate.perSecond()).isEqualTo(5.0);
    }

    @Test
    void aBurstBeyondTheDocumentedBurstIsCountedOverTheBucket() {
        // three at once against 1 request/s with a burst of 2: the third finds no token
        PushRate rate = PushRate.of(List.of(0L, MS, 2 * MS, 3000 * MS), 0, 4000 * MS, 1.0, 2, 0);

        assertThat(rate.overBucket()).isEqualTo(1);
        assertThat(rate.maxInAnySecond()).isEqualTo(3);
    }

    @Test
    void jitterWithinTheSlackIsNotCountedButWithoutSlackItIs() {
        List<Long> arrivals = List.of(0L, 990 * MS, 1985 * MS);

        assertThat(PushRate.of(arrivals, 0, 3000 * MS, 1.0, 1, 20 * MS).overBucket()).isZero();
        // 10 ms short at the second request; the refused one takes no token, so the third finds a full one
        assertThat(PushRate.of(arrivals, 0, 3000 * MS, 1.0, 1, 0).overBucket()).isEqualTo(1);
    }

    @Test
    void onlyTheMeasuredWindowCounts() {
        PushRate rate = PushRate.of(List.of(0L, 500 * MS, 1500 * MS, 2500 * MS), 1000 * MS, 2000 * MS, 1.0, 1, 0);

        assertThat(rate.requests()).isEqualTo(1);
        assertThat(rate.perSecond()).isEqualTo(1.0);
    }
}
