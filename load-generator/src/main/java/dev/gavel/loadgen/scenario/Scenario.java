package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.report.Results;

/** One benchmark. It fails with {@link dev.gavel.loadgen.check.RunFailure} when the system lost or mangled data. */
public interface Scenario {

    String name();

    String title();

    /** Runs the benchmark and records what it measured and with which settings into {@code result}. */
    void run(RunContext context, Results.Builder result) throws Exception;

    /** Shrinks the scenario to a few seconds: checks that everything works, measures nothing worth quoting. */
    void quick();
}
