package dev.gavel.loadgen.report;

import dev.gavel.loadgen.report.Results.Document;
import dev.gavel.loadgen.report.Results.Figure;
import dev.gavel.loadgen.report.Results.Latency;
import dev.gavel.loadgen.report.Results.Scenario;
import dev.gavel.loadgen.report.Results.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The published performance targets, judged against what a run measured. */
public final class Targets {

    public enum Verdict {
        MET,
        NOT_MET,
        NOT_MEASURED
    }

    /** One target: what it asks, what was measured, and whether it holds. */
    public record Target(String name, String goal, String measured, Verdict verdict) {}

    private Targets() {}

    public static List<Target> judge(Document results) {
        List<Target> targets = new ArrayList<>();
        targets.add(processorThroughput(results.scenario("processor")));
        targets.add(processorLatency(results.scenario("processor")));
        targets.add(bidRoundTrip(results.scenario("bids")));
        targets.add(fanout(results.scenario("fanout")));
        targets.add(fanoutEveryEvent(results.scenario("fanout-every")));
        targets.add(endings(results.scenario("endings")));
        return targets;
    }

    static Target processorThroughput(Scenario processor) {
        String name = "Bid processor throughput";
        String goal = ">= 120,000 commands/s and within 1.5x of a minimal single-store Streams processor";
        if (processor == null || !processor.ok()) {
            return notMeasured(name, goal, processor);
        }
        Figure gavel = processor.figure("processor_commands_per_second");
        Figure minimal = processor.figure("minimal_commands_per_second");
        if (gavel == null || minimal == null) {
            return new Target(name, goal, "not in the results", Verdict.NOT_MEASURED);
        }
        double ratio = minimal.value() / gavel.value();
        boolean met = gavel.value() >= 120_000 && ratio <= 1.5;
        return new Target(
                name,
                goal,
                String.format(
                        Locale.ROOT,
                        "%,.0f commands/s; minimal processor %,.0f/s (%.2fx)",
                        gavel.value(),
                        minimal.value(),
                        ratio),
                met ? Verdict.MET : Verdict.NOT_MET);
    }

    static Target processorLatency(Scenario processor) {
        String name = "Command -> event latency";
        String goal = "p99 <= 40 ms at 5,000 commands/s";
        if (processor == null || !processor.ok()) {
            return notMeasured(name, goal, processor);
        }
        Latency latency = processor.latency("command_to_event");
        if (latency == null || !"5000".equals(processor.setting("latency_rate"))) {
            return new Target(name, goal, "not measured at 5,000 commands/s", Verdict.NOT_MEASURED);
        }
        double p99 = latency.percentiles().p99();
        return new Target(name, goal, ms("p99", p99), p99 <= 40 ? Verdict.MET : Verdict.NOT_MET);
    }

    static Target bidRoundTrip(Scenario bids) {
        String name = "Gateway bid round trip";
        String goal = "p99 <= 50 ms at 2,000 bids/s over 1,000 auctions";
        if (bids == null || !bids.ok()) {
            return notMeasured(name, goal, bids);
        }
        Step step = bids.steps().stream()
                .filter(s -> s.offeredPerSecond() == 2000)
                .findFirst()
                .orElse(null);
        if (step == null || !"1000".equals(bids.setting("auctions"))) {
            return new Target(name, goal, "not measured at 2,000 bids/s over 1,000 auctions", Verdict.NOT_MEASURED);
        }
        double p99 = step.latency().p99();
        boolean met = p99 <= 50 && step.errors() == 0;
        String measured = ms("p99", p99) + (step.errors() > 0 ? ", " + step.errors() + " error replies" : "");
        return new Target(name, goal, measured, met ? Verdict.MET : Verdict.NOT_MET);
    }

    static Target fanout(Scenario fanout) {
        return fanout(
                "Fan-out to viewers",
                "one gateway, 5,000 viewers of one auction at 50 bids/s: every viewer sees each price (or a newer one)"
                        + " within p99 <= 250 ms, gateway heap bounded",
                fanout);
    }

    static Target fanoutEveryEvent(Scenario fanout) {
        return fanout(
                "Fan-out to viewers of every event",
                "one gateway, 5,000 viewers of every event of one auction at 50 bids/s: every viewer sees each bid"
                        + " within p99 <= 250 ms, gateway heap bounded",
                fanout);
    }

    private static Target fanout(String name, String goal, Scenario fanout) {
        if (fanout == null || !fanout.ok()) {
            return notMeasured(name, goal, fanout);
        }
        Latency freshness = fanout.latency("freshness");
        Figure bounded = fanout.figure("gateway_heap_bounded");
        if (freshness == null
                || bounded == null
                || !"5000".equals(fanout.setting("viewers"))
                || !"50".equals(fanout.setting("bids_per_second"))) {
            return new Target(name, goal, "not measured with 5,000 viewers at 50 bids/s", Verdict.NOT_MEASURED);
        }
        double p99 = freshness.percentiles().p99();
        Figure peak = fanout.figure("gateway_heap_peak_mb");
        String heap = bounded.value() == 1 ? "heap bounded" : "heap NOT bounded";
        if (peak != null) {
            heap += String.format(Locale.ROOT, " (peak %.0f MB)", peak.value());
        }
        boolean met = p99 <= 250 && bounded.value() == 1;
        return new Target(name, goal, ms("p99", p99) + ", " + heap, met ? Verdict.MET : Verdict.NOT_MET);
    }

    static Target endings(Scenario endings) {
        String name = "Endings";
        String goal = "auction-ended at the client p99 <= 100 ms after endsAt";
        if (endings == null || !endings.ok()) {
            return notMeasured(name, goal, endings);
        }
        Latency lateness = endings.latency("lateness");
        if (lateness == null) {
            return new Target(name, goal, "not in the results", Verdict.NOT_MEASURED);
        }
        double p99 = lateness.percentiles().p99();
        return new Target(name, goal, ms("p99", p99), p99 <= 100 ? Verdict.MET : Verdict.NOT_MET);
    }

    /** A run the system failed (lost messages, gave way) does not meet its target; one that could not run says so. */
    private static Target notMeasured(String name, String goal, Scenario scenario) {
        if (scenario == null) {
            return new Target(name, goal, "not run", Verdict.NOT_MEASURED);
        }
        if (scenario.systemFault()) {
            return new Target(
                    name, goal, "the system failed under this load: " + firstLine(scenario.failure()), Verdict.NOT_MET);
        }
        return new Target(name, goal, "the run failed: " + firstLine(scenario.failure()), Verdict.NOT_MEASURED);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String ms(String what, double millis) {
        return String.format(Locale.ROOT, "%s %.1f ms", what, millis);
    }
}
