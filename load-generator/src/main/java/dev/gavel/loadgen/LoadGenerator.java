package dev.gavel.loadgen;

import static picocli.CommandLine.ScopeType.INHERIT;

import dev.gavel.loadgen.check.RunFailure;
import dev.gavel.loadgen.report.Charts;
import dev.gavel.loadgen.report.ReportWriter;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.report.Targets;
import dev.gavel.loadgen.scenario.BaselineScenario;
import dev.gavel.loadgen.scenario.BidsScenario;
import dev.gavel.loadgen.scenario.EndingsScenario;
import dev.gavel.loadgen.scenario.FanoutScenario;
import dev.gavel.loadgen.scenario.RunContext;
import dev.gavel.loadgen.scenario.Scenario;
import dev.gavel.loadgen.scenario.ShowScenario;
import dev.gavel.loadgen.ws.Endpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The benchmark tool: each scenario is a subcommand, {@code suite} runs them all. Every run merges its results into
 * {@code results.json} in the output directory and redraws {@code results.md} and the charts from it. On its own it
 * runs the scenarios that drive a running stack from outside; the benchmarks module runs it with those that run the
 * engine in-process as well.
 */
@Command(
        name = "load-generator",
        mixinStandardHelpOptions = true,
        description = "Drives a local Gavel stack like real clients and reports honest numbers.")
public final class LoadGenerator {

    @Option(names = "--gateway", description = "Gateway HTTP address (default: ${DEFAULT-VALUE}).", scope = INHERIT)
    String gateway = "http://127.0.0.1:8080";

    @Option(
            names = "--gateway-management",
            description = "The gateway's management address, for its metrics (default: ${DEFAULT-VALUE}).",
            scope = INHERIT)
    String gatewayManagement = "http://127.0.0.1:8180";

    @Option(
            names = "--processor",
            description = "Bid processor HTTP address, for its metrics (default: ${DEFAULT-VALUE}).",
            scope = INHERIT)
    String processor = "http://127.0.0.1:8081";

    @Option(names = "--bootstrap", description = "Kafka broker (default: ${DEFAULT-VALUE}).", scope = INHERIT)
    String bootstrap = "127.0.0.1:9092";

    @Option(
            names = "--out",
            description = "Where results.json, results.md and the charts go (default: ${DEFAULT-VALUE}).",
            scope = INHERIT)
    Path out = Path.of("docs", "benchmarks");

    @Option(
            names = "--conditions",
            description = "How the machine was used during the run, printed beside every figure.",
            scope = INHERIT)
    String conditions = "not stated";

    @Option(
            names = "--stack",
            description = "How the stack was started (settings, environment), for the report.",
            scope = INHERIT)
    String stack = "not stated";

    @Option(
            names = "--io-threads",
            description = "Threads for all WebSockets of the load generator (default: ${DEFAULT-VALUE}).",
            scope = INHERIT)
    int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Command(name = "suite", description = "Run every scenario (or those named) with their default settings.")
    static final class Suite {
        @CommandLine.Parameters(description = "Scenarios to run (default: all).")
        List<String> only = new ArrayList<>();

        @Option(
                names = "--quick",
                description = "Small sizes and short runs: checks the pipeline, publishes nothing worth quoting.")
        boolean quick;
    }

    @Command(name = "report", description = "Redraw results.md and the charts from results.json.")
    static final class Report {}

    private final Supplier<List<Scenario>> scenarios;

    private LoadGenerator(Supplier<List<Scenario>> scenarios) {
        this.scenarios = scenarios;
    }

    public static void main(String[] args) {
        System.exit(execute("load-generator", LoadGenerator::scenarios, args));
    }

    /**
     * Runs the tool as {@code name}, with {@code scenarios} as its subcommands and its suite.
     *
     * @param scenarios fresh instances at each call, in suite order
     * @return the exit code
     */
    public static int execute(String name, Supplier<List<Scenario>> scenarios, String... args) {
        // Charts are drawn without a display.
        System.setProperty("java.awt.headless", "true");
        LoadGenerator app = new LoadGenerator(scenarios);
        CommandLine cli = new CommandLine(app).setCommandName(name);
        for (Scenario scenario : scenarios.get()) {
            cli.addSubcommand(scenario.name(), scenario);
        }
        cli.addSubcommand("suite", new Suite());
        cli.addSubcommand("report", new Report());
        // ./gavel bench gives the output directory and the stack's addresses first: an option given again after them
        // (e.g. --out for a trial run) wins. Set once the subcommands are there, as it applies to those it finds.
        cli.setOverwrittenOptionsAllowed(true);
        cli.setExecutionStrategy(app::execute);
        return cli.execute(args);
    }

    /**
     * The scenarios that drive a running stack from outside, in suite order: those with thousands of viewers last, as
     * they may leave the gateway out of memory: a show's, then fan-out to viewers of the latest state, then of every
     * event.
     */
    public static List<Scenario> scenarios() {
        return List.of(
                new BaselineScenario(),
                new BidsScenario(),
                new EndingsScenario(),
                new ShowScenario(),
                new FanoutScenario(),
                new FanoutScenario.EveryEvent());
    }

    private int execute(ParseResult parsed) {
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        ParseResult sub = parsed.subcommand();
        PrintWriter err = parsed.commandSpec().commandLine().getErr();
        if (sub == null) {
            parsed.commandSpec().commandLine().usage(err);
            return 2;
        }
        Object command = sub.commandSpec().userObject();
        try {
            if (command instanceof Report) {
                return report();
            }
            if (command instanceof Suite suite) {
                List<Scenario> selected = new ArrayList<>();
                for (Scenario scenario : scenarios.get()) {
                    if (suite.only.isEmpty() || suite.only.contains(scenario.name())) {
                        if (suite.quick) {
                            scenario.quick();
                        }
                        selected.add(scenario);
                    }
                }
                if (selected.size() != (suite.only.isEmpty() ? scenarios.get().size() : suite.only.size())) {
                    err.println("Unknown scenario in " + suite.only + "; known: "
                            + scenarios.get().stream().map(Scenario::name).toList());
                    return 2;
                }
                return run(selected, err);
            }
            return run(List.of((Scenario) command), err);
        } catch (IOException | IllegalArgumentException e) {
            err.println(parsed.commandSpec().name() + ": " + e.getMessage());
            return 2;
        }
    }

    private int report() throws IOException {
        Results.Document results = ReportWriter.read(out);
        if (results == null) {
            throw new IOException("no " + ReportWriter.JSON + " in " + out);
        }
        ReportWriter.write(out, results, Charts.write(results, out));
        return 0;
    }

    private int run(List<Scenario> scenarios, PrintWriter err) throws IOException {
        Endpoints.loopback(gateway);
        Endpoints.loopback(gatewayManagement);
        Endpoints.loopback(processor);
        Endpoints.loopbackBootstrap(bootstrap);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(now) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        Path scratch = Files.createTempDirectory("gavel-bench-");
        RunContext context = new RunContext(
                runId,
                now.toString(),
                gateway,
                java.net.URI.create(gatewayManagement),
                java.net.URI.create(processor),
                bootstrap,
                scratch,
                ioThreads);
        Map<String, String> stackInfo = new LinkedHashMap<>();
        stackInfo.put("Gateway", gateway);
        stackInfo.put("Kafka", bootstrap);
        stackInfo.put("Stack", stack);
        Results.Run run = new Results.Run(
                runId, now.toString(), conditions, MachineInfo.describe(), MachineInfo.versions(), stackInfo);
        List<Results.Scenario> outcomes = new ArrayList<>();
        boolean failed = false;
        try {
            for (Scenario scenario : scenarios) {
                System.out.printf("== %s (run %s)%n", scenario.title(), runId);
                Results.Builder result = new Results.Builder(
                        scenario.name(), scenario.title(), runId, Instant.now().toString());
                Results.Scenario outcome;
                try {
                    scenario.run(context, result);
                    outcome = result.ok();
                } catch (RunFailure e) {
                    outcome = result.failed(e.getMessage(), true);
                } catch (Exception e) {
                    outcome = result.failed("the run could not complete: " + e, false);
                    e.printStackTrace(err);
                }
                if (!outcome.ok()) {
                    failed = true;
                    err.println("FAILED " + scenario.name() + ": " + outcome.failure());
                } else {
                    System.out.println(summary(outcome));
                }
                outcomes.add(outcome);
                Results.Document previous = ReportWriter.read(out);
                Results.Document merged = previous == null
                        ? new Results.Document(run, List.of(outcome))
                        : previous.merge(run, List.of(outcome));
                Files.createDirectories(out);
                ReportWriter.write(out, merged, Charts.write(merged, out));
            }
        } finally {
            deleteRecursively(scratch);
        }
        Results.Document written = ReportWriter.read(out);
        if (written != null) {
            Targets.judge(written)
                    .forEach(t -> System.out.printf("target %-28s %-12s %s%n", t.name(), t.verdict(), t.measured()));
        }
        System.out.println("Wrote " + out.resolve(ReportWriter.JSON) + " and " + out.resolve(ReportWriter.MARKDOWN));
        return failed ? 1 : 0;
    }

    private static String summary(Results.Scenario outcome) {
        StringBuilder text = new StringBuilder();
        outcome.figures()
                .forEach(f -> text.append(String.format("  %-55s %,14.1f %s%n", f.label(), f.value(), f.unit())));
        outcome.latencies()
                .forEach(l -> text.append(String.format(
                        "  %-55s p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms (%d samples)%n",
                        l.label(),
                        l.percentiles().p50(),
                        l.percentiles().p99(),
                        l.percentiles().p999(),
                        l.percentiles().max(),
                        l.percentiles().count())));
        outcome.steps()
                .forEach(s -> text.append(String.format(
                        "  %-20s sent %,8.0f/s accepted %,8.0f/s decided %,8.0f/s errors %d p50 %.1f p99 %.1f"
                                + " max %.1f ms%n",
                        s.label(),
                        s.sentPerSecond(),
                        s.acceptedPerSecond(),
                        s.decidedPerSecond(),
                        s.errors(),
                        s.latency().p50(),
                        s.latency().p99(),
                        s.latency().max())));
        return text.toString().stripTrailing();
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
