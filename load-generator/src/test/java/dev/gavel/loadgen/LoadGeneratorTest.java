package dev.gavel.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.loadgen.report.ReportWriter;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {

    @TempDir
    Path launcherDefault;

    @TempDir
    Path givenAfterIt;

    @Test
    void anOptionGivenAgainAfterTheLaunchersOwnWins() throws Exception {
        ReportWriter.write(givenAfterIt, new Results.Document(run(), List.of()), List.of());
        Files.delete(givenAfterIt.resolve(ReportWriter.MARKDOWN));

        int exit = LoadGenerator.execute(
                "load-generator",
                LoadGenerator::scenarios,
                "report",
                "--out",
                launcherDefault.toString(),
                "--out",
                givenAfterIt.toString());

        assertThat(exit).isZero();
        assertThat(givenAfterIt.resolve(ReportWriter.MARKDOWN)).exists();
        assertThat(launcherDefault).isEmptyDirectory();
    }

    @Test
    void theLoadGeneratorAloneRunsTheScenariosThatDriveARunningStack() {
        assertThat(LoadGenerator.scenarios())
                .extracting(Scenario::name)
                .containsExactly("baseline", "bids", "endings", "fanout");
    }

    private static Results.Run run() {
        return new Results.Run(
                "run-1",
                "2025-01-01T00:00:00Z",
                "quiet machine",
                new Results.Machine(2, 24_000, "Test CPU", "Linux", "OpenJDK 17", "-Xmx2g", "0.1 / 0.1 / 0.1"),
                Map.of("Gavel", "0.1.0"),
                Map.of("Gateway", "http://127.0.0.1:8080"));
    }
}
