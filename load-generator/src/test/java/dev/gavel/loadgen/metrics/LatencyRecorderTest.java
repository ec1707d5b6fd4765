package dev.gavel.loadgen.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void measuresFromTheIntendedStartSoAStallChargesEveryOperationBehindIt() {
        // 1,000 operations at 1 per ms; the system answers in 1 ms, except that it stalls for the first 100 ms.
        // A sender that waits for each answer sends the first 100 late; timing from the actual send would see 100
        // fast operations and one slow one.
        Pacer pacer = new Pacer(0, 1_000);
        LatencyRecorder fromIntended = LatencyRecorder.withoutWarmup();
        LatencyRecorder fromActual = LatencyRecorder.withoutWarmup();
        long stallEnds = 100 * MS;
        for (int i = 0; i < 1_000; i++) {
            long intended = pacer.intendedNanos(i);
            long actual = Math.max(intended, stallEnds);
            long completed = actual + MS;
            fromIntended.record(intended, completed);
            fromActual.record(actual, completed);
        }

        Percentiles corrected = fromIntended.percentiles();
        Percentiles omitted = fromActual.percentiles();
        assertThat(omitted.p99()).isEqualTo(1.0, within(0.01));
        // One in ten operations waited behind the stall: 1 ms to 101 ms, the p99 among them about 91 ms.
        assertThat(corrected.p90()).isEqualTo(1.0, within(0.01));
        assertThat(corrected.p99()).isEqualTo(91.0, within(0.1));
        assertThat(corrected.max()).isEqualTo(101.0, within(0.1));
        assertThat(corrected.count()).isEqualTo(1_000);
    }

    @Test
    void leavesOutOperationsIntendedDuringTheWarmup() {
        LatencyRecorder recorder = LatencyRecorder.measuringFrom(10 * MS);

        assertThat(recorder.record(9 * MS, 500 * MS)).isFalse();
        assertThat(recorder.record(10 * MS, 12 * MS)).isTrue();
        assertThat(recorder.record(11 * MS, 14 * MS)).isTrue();

        Percentiles percentiles = recorder.percentiles();
        assertThat(percentiles.count()).isEqualTo(2);
        assertThat(percentiles.max()).isEqualTo(3.0, within(0.01));
    }

    @Test
    void reportsTheCurveInIncreasingPercentilesEndingAtTheMaximum() {
        LatencyRecorder recorder = LatencyRecorder.withoutWarmup();
        for (int micros = 1; micros <= 10_000; micros++) {
            recorder.recordMicros(micros);
        }

        Percentiles percentiles = recorder.percentiles();

        assertThat(percentiles.p50()).isEqualTo(5.0, within(0.01));
        assertThat(percentiles.p999()).isEqualTo(9.99, within(0.01));
        assertThat(percentiles.curve())
                .extracting(Percentiles.Point::percentile)
                .isSorted();
        assertThat(percentiles.curve()).extracting(Percentiles.Point::value).isSorted();
        assertThat(percentiles.curve().get(percentiles.curve().size() - 1).value())
                .isEqualTo(percentiles.max());
    }

    @Test
    void anEmptyRecorderReportsNoSamples() {
        assertThat(LatencyRecorder.withoutWarmup().percentiles()).isEqualTo(Percentiles.EMPTY);
    }
}
