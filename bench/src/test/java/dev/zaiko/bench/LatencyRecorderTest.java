package dev.zaiko.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesOfOneToAThousandMillisecondsAreWithinTheHistogramsPrecision() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int millis = 1000; millis >= 1; millis--) { // order must not matter
            recorder.record(TimeUnit.MILLISECONDS.toNanos(millis));
        }

        assertThat(recorder.count()).isEqualTo(1000);
        // three significant digits: within 0.1% of the exact nearest-rank percentile
        assertThat(recorder.percentileMillis(50)).isCloseTo(500.0, within(0.5));
        assertThat(recorder.percentileMillis(99)).isCloseTo(990.0, within(1.0));
        assertThat(recorder.percentileMillis(100)).isCloseTo(1000.0, within(1.0));
    }

    @Test
    void aConstantLatencyIsEveryPercentile() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 100; i++) {
            recorder.record(2_000_000);
        }

        assertThat(recorder.percentileMillis(50)).isCloseTo(2.0, within(0.002));
        assertThat(recorder.percentileMillis(99)).isCloseTo(2.0, within(0.002));
    }

    @Test
    void anEmptyRecorderReportsZero() {
        assertThat(new LatencyRecorder().percentileNanos(99)).isZero();
    }
}
