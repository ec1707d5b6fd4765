package dev.gavel.benchmarks;

import dev.gavel.benchmarks.processor.ProcessorScenario;
import dev.gavel.benchmarks.rules.RulesScenario;
import dev.gavel.loadgen.LoadGenerator;
import dev.gavel.loadgen.scenario.BaselineScenario;
import dev.gavel.loadgen.scenario.BidsScenario;
import dev.gavel.loadgen.scenario.EndingsScenario;
import dev.gavel.loadgen.scenario.FanoutScenario;
import dev.gavel.loadgen.scenario.Scenario;
import dev.gavel.loadgen.scenario.ShowScenario;
import java.util.List;

/**
 * The whole benchmark suite in one run: the load generator's scenarios, which drive the stack from outside, and those
 * that run the engine in this JVM. Results, report and charts are the load generator's.
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) {
        System.exit(LoadGenerator.execute("benchmarks", Benchmarks::scenarios, args));
    }

    /**
     * In suite order: the processor's drain right after the raw Kafka it is compared with, those with thousands of
     * viewers last of those that need the stack (they may leave the gateway out of memory: a show's, then fan-out to
     * viewers of the latest state, then of every event), and the rules, which need none.
     */
    static List<Scenario> scenarios() {
        return List.of(
                new BaselineScenario(),
                new ProcessorScenario(),
                new BidsScenario(),
                new EndingsScenario(),
                new ShowScenario(),
                new FanoutScenario(),
                new FanoutScenario.EveryEvent(),
                new RulesScenario());
    }
}
