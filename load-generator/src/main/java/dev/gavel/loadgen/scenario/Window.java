package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.report.Results;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * The timing of a load: its first seconds warm up and are not recorded, the seconds after them are measured. A
 * scenario declares it as a {@code @Mixin} with its own defaults, and it is recorded with the scenario's settings.
 */
public final class Window {

    @Option(
            names = "--warmup",
            description = "Seconds of each timed load not measured, while it warms up (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--duration", description = "Seconds of each timed load measured (default: ${DEFAULT-VALUE}).")
    private int durationSeconds;

    public Window(int warmupSeconds, int durationSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
    }

    /** For a quick run. */
    public void shorten(int warmupSeconds, int durationSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
    }

    /** Warm-up and measurement together. */
    public int seconds() {
        return warmupSeconds + durationSeconds;
    }

    /** How many operations a load at {@code perSecond} intends over the whole window. */
    public int operations(int perSecond) {
        return perSecond * seconds();
    }

    /** When a load that starts at {@code startNanos} starts to be measured. */
    public long measuredFrom(long startNanos) {
        return startNanos + TimeUnit.SECONDS.toNanos(warmupSeconds);
    }

    /** When a load that starts at {@code startNanos} stops being measured. */
    public long measuredUntil(long startNanos) {
        return measuredFrom(startNanos) + TimeUnit.SECONDS.toNanos(durationSeconds);
    }

    public void record(Results.Builder result) {
        result.setting("warmup_s", warmupSeconds).setting("measured_s", durationSeconds);
    }
}
