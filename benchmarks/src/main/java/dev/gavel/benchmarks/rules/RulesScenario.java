package dev.gavel.benchmarks.rules;

import dev.gavel.loadgen.check.RunFailure;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.scenario.RunContext;
import dev.gavel.loadgen.scenario.Scenario;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link RulesBenchmark} with JMH (one thread, so decisions/s per core) and the GC profiler (bytes allocated per
 * decision), and records the results beside the other scenarios. Needs no running stack.
 */
@Command(
        name = "rules",
        header = "Auction rules (JMH)",
        description = "JMH: AuctionRules.decide on realistic bids, decisions/s per core and allocation.")
public final class RulesScenario extends Scenario {

    @Option(names = "--forks", description = "JVM forks per benchmark (default: ${DEFAULT-VALUE}).")
    int forks = 1;

    @Option(names = "--warmup-iterations", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmupIterations = 3;

    @Option(names = "--iterations", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations = 5;

    @Option(names = "--iteration-seconds", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
    int iterationSeconds = 2;

    @Override
    public void quick() {
        warmupIterations = 1;
        iterations = 1;
        iterationSeconds = 1;
    }

    @Override
    public void run(RunContext context, Results.Builder result) throws RunnerException {
        result.setting("threads", 1)
                .setting("forks", forks)
                .setting("warmup", warmupIterations + " x " + iterationSeconds + " s")
                .setting("measurement", iterations + " x " + iterationSeconds + " s")
                .setting("profiler", "gc");
        Options options = new OptionsBuilder()
                .include(RulesBenchmark.class.getName() + "\\.")
                .forks(forks)
                .threads(1)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(iterationSeconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(iterationSeconds))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        if (runs.isEmpty()) {
            throw new RunFailure("rules: JMH ran no benchmark");
        }
        for (RunResult run : runs) {
            String method = run.getParams().getBenchmark();
            String name = method.substring(method.lastIndexOf('.') + 1);
            Result<?> score = run.getPrimaryResult();
            Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
            result.figure(
                    name + "_per_second",
                    name + ": decisions/s on one core",
                    score.getScore(),
                    String.format(Locale.ROOT, "ops/s (± %.0f, 99.9%% CI)", score.getScoreError()));
            if (allocation != null) {
                result.figure(name + "_bytes", name + ": allocated per decision", allocation.getScore(), "B/op");
            }
        }
    }
}
