package dev.gavel.loadgen.metrics;

import java.util.List;

/**
 * A latency distribution as reports show it, in milliseconds.
 *
 * @param count how many samples were measured (warm-up excluded)
 * @param curve the distribution at increasing percentiles, for charts
 */
public record Percentiles(
        long count, double p50, double p90, double p99, double p999, double max, double mean, List<Point> curve) {

    /** {@code value} milliseconds at {@code percentile} (0 to 100). */
    public record Point(double percentile, double value) {}

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0, List.of());
}
