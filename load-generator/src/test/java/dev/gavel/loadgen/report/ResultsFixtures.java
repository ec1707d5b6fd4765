package dev.gavel.loadgen.report;

import dev.gavel.loadgen.metrics.LatencyRecorder;
import dev.gavel.loadgen.metrics.Percentiles;
import java.util.List;
import java.util.Map;

/** Results as a run would write them, with known figures. */
public final class ResultsFixtures {

    private ResultsFixtures() {}

    public static Results.Run run() {
        return new Results.Run(
                "run-1",
                "2025-01-01T00:00:00Z",
                "quiet machine",
                new Results.Machine(2, 24_000, "Test CPU", "Linux", "OpenJDK 17", "-Xmx2g", "0.1 / 0.1 / 0.1"),
                Map.of("Gavel", "0.1.0"),
                Map.of("Gateway", "http://127.0.0.1:8080"));
    }

    /** A distribution whose p99 is {@code p99Millis} (100 samples: 99 of 1 ms and one of p99Millis). */
    static Percentiles withP99(double p99Millis) {
        LatencyRecorder recorder = LatencyRecorder.withoutWarmup();
        for (int i = 0; i < 98; i++) {
            recorder.recordMicros(1_000);
        }
        recorder.recordMicros((long) (p99Millis * 1_000));
        recorder.recordMicros((long) (p99Millis * 1_000));
        return recorder.percentiles();
    }

    static Results.Scenario processor(double gavel, double minimal, double p99) {
        return new Results.Builder("processor", "Bid processor", "run-1", "2025-01-01T00:00:00Z")
                .setting("latency_rate", 5000)
                .figure("processor_commands_per_second", "Gavel processor", gavel, "commands/s")
                .figure("minimal_commands_per_second", "Minimal processor", minimal, "commands/s")
                .latency("command_to_event", "Command -> event", withP99(p99))
                .ok();
    }

    static Results.Scenario bids(double p99, long errors) {
        return new Results.Builder("bids", "Bids", "run-1", "2025-01-01T00:00:00Z")
                .setting("auctions", 1000)
                .step(new Results.Step("1000 bids/s", 1000, 1000, 900, 1000, 0, withP99(10)))
                .step(new Results.Step("2000 bids/s", 2000, 2000, 1800, 2000, errors, withP99(p99)))
                .ok();
    }

    static Results.Scenario fanout(double p99, boolean bounded) {
        return fanout("fanout", p99, bounded);
    }

    static Results.Scenario fanout(String name, double p99, boolean bounded) {
        return new Results.Builder(name, "Fan-out", "run-1", "2025-01-01T00:00:00Z")
                .setting("viewers", 5000)
                .setting("bids_per_second", 50)
                .latency("freshness", "Price freshness", withP99(p99))
                .figure("gateway_heap_bounded", "Heap bounded", bounded ? 1 : 0, "")
                .figure("gateway_heap_peak_mb", "Heap peak", 300, "MB")
                .ok();
    }

    static Results.Scenario endings(double p99) {
        return new Results.Builder("endings", "Endings", "run-1", "2025-01-01T00:00:00Z")
                .latency("lateness", "auction-ended after endsAt", withP99(p99))
                .ok();
    }

    static Results.Document document(Results.Scenario... scenarios) {
        return new Results.Document(run(), List.of(scenarios));
    }
}
