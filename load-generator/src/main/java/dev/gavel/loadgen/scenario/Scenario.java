package dev.gavel.loadgen.scenario;

import dev.gavel.loadgen.report.Results;
import picocli.CommandLine.Command;

/**
 * One benchmark, declared as a subcommand: its {@code @Command} gives its name and, as its header, the title its
 * results go under; its options are its settings. It fails with {@link dev.gavel.loadgen.check.RunFailure} when the
 * system lost or mangled data.
 */
public abstract class Scenario {

    public final String name() {
        return command().name();
    }

    public final String title() {
        return command().header()[0];
    }

    private Command command() {
        Command command = getClass().getAnnotation(Command.class);
        if (command == null || command.header().length != 1) {
            throw new IllegalStateException(getClass() + " needs a @Command with a name and a one-line header");
        }
        return command;
    }

    /** Runs the benchmark and records what it measured and with which settings into {@code result}. */
    public abstract void run(RunContext context, Results.Builder result) throws Exception;

    /** Shrinks the scenario to a few seconds: checks that everything works, measures nothing worth quoting. */
    public abstract void quick();
}
