package dev.gavel.loadgen.report;

import dev.gavel.loadgen.metrics.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a run measured, as written to {@code results.json}; the Markdown and the charts are made from it. */
public final class Results {

    private Results() {}

    /** What was measured where: every figure is read with these beside it. */
    public record Run(
            String runId,
            String startedAt,
            String conditions,
            Machine machine,
            Map<String, String> versions,
            Map<String, String> stack) {}

    public record Machine(
            int cores, long memoryMb, String cpu, String os, String jvm, String jvmOptions, String loadAtStart) {}

    /** One named number. {@code key} is stable, for targets and tools; {@code label} is for people. */
    public record Figure(String key, String label, double value, String unit) {}

    public record Latency(String key, String label, Percentiles percentiles) {}

    /**
     * One load level of a sweep.
     *
     * @param offeredPerSecond the target rate, or 0 for a closed loop (flat out)
     * @param sentPerSecond what the load generator actually sent
     * @param acceptedPerSecond accepted bids per second, by reply arrival, in the measurement window
     * @param decidedPerSecond accepted and rejected bids per second
     * @param errors error replies (e.g. TIMEOUT, RATE_LIMITED)
     */
    public record Step(
            String label,
            double offeredPerSecond,
            double sentPerSecond,
            double acceptedPerSecond,
            double decidedPerSecond,
            long errors,
            Percentiles latency) {}

    /**
     * The outcome of one scenario. A failed scenario has a {@code failure} and no figures; {@code systemFault} says
     * whether the system under test caused it (lost or mangled messages, or gave way under the load) rather than the
     * run not being able to proceed.
     */
    public record Scenario(
            String name,
            String title,
            String runId,
            String startedAt,
            double seconds,
            String failure,
            boolean systemFault,
            Map<String, String> settings,
            List<Figure> figures,
            List<Latency> latencies,
            List<Step> steps,
            List<String> notes) {

        public boolean ok() {
            return failure == null;
        }

        public Figure figure(String key) {
            return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
        }

        public Latency latency(String key) {
            return latencies.stream()
                    .filter(l -> l.key().equals(key))
                    .findFirst()
                    .orElse(null);
        }

        public String setting(String key) {
            return settings.get(key);
        }
    }

    /** The whole file: the last run, and the latest result of every scenario (possibly from earlier runs). */
    public record Document(Run run, List<Scenario> scenarios) {

        /** This document with {@code update}'s scenarios replacing those of the same name. */
        public Document merge(Run newRun, List<Scenario> update) {
            Map<String, Scenario> byName = new LinkedHashMap<>();
            scenarios.forEach(s -> byName.put(s.name(), s));
            update.forEach(s -> byName.put(s.name(), s));
            return new Document(newRun, new ArrayList<>(byName.values()));
        }

        public Scenario scenario(String name) {
            return scenarios.stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Collects a scenario's outcome while it runs. */
    public static final class Builder {
        private final String name;
        private final String title;
        private final String runId;
        private final String startedAt;
        private final long startedNanos = System.nanoTime();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<Figure> figures = new ArrayList<>();
        private final List<Latency> latencies = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        public Builder(String name, String title, String runId, String startedAt) {
            this.name = name;
            this.title = title;
            this.runId = runId;
            this.startedAt = startedAt;
        }

        public Builder setting(String key, Object value) {
            settings.put(key, String.valueOf(value));
            return this;
        }

        public Builder figure(String key, String label, double value, String unit) {
            figures.add(new Figure(key, label, value, unit));
            return this;
        }

        public Builder latency(String key, String label, Percentiles percentiles) {
            latencies.add(new Latency(key, label, percentiles));
            return this;
        }

        public Builder step(Step step) {
            steps.add(step);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Scenario ok() {
            return new Scenario(
                    name, title, runId, startedAt, seconds(), null, false, settings, figures, latencies, steps, notes);
        }

        /** A failed run keeps its settings and notes but none of its figures. */
        public Scenario failed(String failure, boolean systemFault) {
            return new Scenario(
                    name,
                    title,
                    runId,
                    startedAt,
                    seconds(),
                    failure,
                    systemFault,
                    settings,
                    List.of(),
                    List.of(),
                    List.of(),
                    notes);
        }

        private double seconds() {
            return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
        }
    }
}
