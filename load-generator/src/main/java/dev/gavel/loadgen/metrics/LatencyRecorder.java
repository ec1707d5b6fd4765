package dev.gavel.loadgen.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in an HdrHistogram, measured from when an operation <em>should</em> have started. At a fixed rate, a
 * stalled system also delays the sends behind the stall; timing from the actual send would hide that wait
 * (coordinated omission). Timing from the intended send time charges every operation with it. Operations intended
 * before the end of the warm-up are not recorded. Safe for concurrent recording.
 */
public final class LatencyRecorder {

    /** Anything slower is recorded as this: a run that slow has failed its purpose anyway. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private static final double[] CURVE = {
        0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.75, 99.9, 99.95, 99.99, 99.999, 100
    };

    private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final boolean warmup;
    private final long measureFromNanos;

    private LatencyRecorder(boolean warmup, long measureFromNanos) {
        this.warmup = warmup;
        this.measureFromNanos = measureFromNanos;
    }

    /** @param measureFromNanos {@link System#nanoTime()} at which the warm-up ends */
    public static LatencyRecorder measuringFrom(long measureFromNanos) {
        return new LatencyRecorder(true, measureFromNanos);
    }

    /** A recorder without warm-up. */
    public static LatencyRecorder withoutWarmup() {
        return new LatencyRecorder(false, 0);
    }

    /** Whether an operation intended at {@code intendedNanos} is measured, i.e. not part of the warm-up. */
    public boolean measures(long intendedNanos) {
        return !warmup || intendedNanos - measureFromNanos >= 0;
    }

    /**
     * Records the latency of an operation intended to start at {@code intendedNanos} that completed at
     * {@code completedNanos}.
     *
     * @return false if it was part of the warm-up and not recorded
     */
    public boolean record(long intendedNanos, long completedNanos) {
        if (!measures(intendedNanos)) {
            return false;
        }
        recordMicros((completedNanos - intendedNanos) / 1_000);
        return true;
    }

    /** Records a latency measured otherwise, e.g. against a wall-clock deadline. */
    public void recordMicros(long micros) {
        histogram.recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public Percentiles percentiles() {
        Histogram copy = histogram.copy();
        if (copy.getTotalCount() == 0) {
            return Percentiles.EMPTY;
        }
        List<Percentiles.Point> curve = new ArrayList<>(CURVE.length);
        for (double percentile : CURVE) {
            curve.add(new Percentiles.Point(percentile, millis(copy.getValueAtPercentile(percentile))));
        }
        return new Percentiles(
                copy.getTotalCount(),
                millis(copy.getValueAtPercentile(50)),
                millis(copy.getValueAtPercentile(90)),
                millis(copy.getValueAtPercentile(99)),
                millis(copy.getValueAtPercentile(99.9)),
                millis(copy.getMaxValue()),
                Math.round(copy.getMean()) / 1_000.0,
                curve);
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }
}
