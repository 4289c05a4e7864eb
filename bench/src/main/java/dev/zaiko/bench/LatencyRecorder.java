package dev.zaiko.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Per-request latencies in nanoseconds. Safe to record from any thread, which matters for
 * asynchronous strategies whose futures complete on threads the driver does not own.
 * Three significant digits: a reported percentile is within 0.1% of the exact one.
 */
public final class LatencyRecorder {

    private final Histogram histogram = new ConcurrentHistogram(3);

    public void record(long nanos) {
        histogram.recordValue(Math.max(0, nanos));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** @param percentile between 0 and 100 */
    public long percentileNanos(double percentile) {
        return histogram.getValueAtPercentile(percentile);
    }

    public double percentileMillis(double percentile) {
        return (double) percentileNanos(percentile) / TimeUnit.MILLISECONDS.toNanos(1);
    }

    public long maxNanos() {
        return histogram.getMaxValue();
    }
}
