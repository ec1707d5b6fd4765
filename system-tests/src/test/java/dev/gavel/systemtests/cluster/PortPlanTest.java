package dev.gavel.systemtests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.Commands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The port plan of {@code ./gavel}, which {@code ./gavel ports} and {@code ./gavel cluster ports} print and the
 * system tests' {@code LocalCluster} reads: one line per port, {@code service listener variable port}.
 */
class PortPlanTest {

    record Line(String service, String listener, String variable, int port) {}

    /** The plan's lines, as {@code ./gavel [cluster] ports} printed them. */
    private static List<Line> lines(Commands.Result result) {
        List<Line> lines = new ArrayList<>();
        result.output().lines().filter(line -> !line.isBlank()).forEach(line -> {
            String[] fields = line.trim().split("\\s+");
            assertThat(fields).as("a line of the plan: %s", line).hasSize(4);
            lines.add(new Line(fields[0], fields[1], fields[2], Integer.parseInt(fields[3])));
        });
        return lines;
    }

    /** Runs the script with the plan's own defaults (no GAVEL_ setting of the shell that runs the build) and these. */
    private static Commands.Result gavel(Map<String, String> environment, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(Commands.ROOT.resolve("gavel").toString()));
        command.addAll(List.of(args));
        return Commands.run(environment, Duration.ofSeconds(30), command);
    }

    @Test
    void theClusterGivesEveryServiceItsOwnPorts() throws Exception {
        List<Line> plan = lines(gavel(Map.of(), "cluster", "ports"));

        assertThat(plan)
                .extracting(line -> line.service() + " " + line.listener())
                .containsExactly(
                        "kafka-1 broker",
                        "kafka-1 controller",
                        "kafka-2 broker",
                        "kafka-2 controller",
                        "kafka-3 broker",
                        "kafka-3 controller",
                        "bid-processor-1 http",
                        "bid-processor-2 http",
                        "gateway-1 http",
                        "gateway-1 management",
                        "gateway-2 http",
                        "gateway-2 management",
                        "analytics-1 http");
        assertThat(plan).extracting(Line::variable).doesNotHaveDuplicates();
        assertThat(plan).extracting(Line::port).doesNotHaveDuplicates();
    }

    @Test
    void theSingleNodeIsTheClusterOfOneOnTheFirstInstancesPorts() throws Exception {
        List<Line> single = lines(gavel(Map.of(), "ports"));
        List<Line> cluster = lines(gavel(Map.of(), "cluster", "ports"));

        assertThat(single)
                .extracting(line -> line.service() + " " + line.listener())
                .containsExactly(
                        "kafka broker",
                        "kafka controller",
                        "bid-processor http",
                        "gateway http",
                        "gateway management",
                        "analytics http");
        for (Line line : single) {
            assertThat(cluster)
                    .as("the cluster's first %s", line.service())
                    .contains(new Line(line.service() + "-1", line.listener(), line.variable(), line.port()));
        }
    }

    @Test
    void theSingleNodesSpareProcessorTakesTheClustersSecondProcessorsPort() throws Exception {
        List<Line> single = lines(gavel(Map.of("GAVEL_PROCESSOR_SPARE", "1"), "ports"));
        List<Line> cluster = lines(gavel(Map.of(), "cluster", "ports"));

        Line spare = single.stream()
                .filter(line -> line.service().equals("bid-processor-2"))
                .findFirst()
                .orElseThrow();
        assertThat(cluster).contains(spare);
    }

    @Test
    void aPortSetInTheEnvironmentReplacesThePlannedOne() throws Exception {
        List<Line> defaults = lines(gavel(Map.of(), "cluster", "ports"));
        List<Line> plan = lines(gavel(Map.of("GAVEL_HTTP_PORT_2", "23456"), "cluster", "ports"));

        for (int i = 0; i < plan.size(); i++) {
            Line line = plan.get(i);
            assertThat(line.port())
                    .as("port of %s", line.variable())
                    .isEqualTo(
                            line.variable().equals("GAVEL_HTTP_PORT_2")
                                    ? 23456
                                    : defaults.get(i).port());
        }
    }

    @Test
    void aPortThatIsNotANumberIsRefusedByItsVariable() throws Exception {
        Commands.Result result = gavel(Map.of("GAVEL_ANALYTICS_PORT", "http"), "ports");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("GAVEL_ANALYTICS_PORT must be a port number (1-65535), not 'http'");
    }
}
