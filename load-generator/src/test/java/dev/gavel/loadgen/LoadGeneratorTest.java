package dev.gavel.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.loadgen.report.ReportWriter;
import dev.gavel.loadgen.report.Results;
import dev.gavel.loadgen.report.ResultsFixtures;
import dev.gavel.loadgen.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {

    @TempDir
    Path launcherDefault;

    @TempDir
    Path givenAfterIt;

    @Test
    void anOptionGivenAgainAfterTheLaunchersOwnWins() throws Exception {
        ReportWriter.write(givenAfterIt, new Results.Document(ResultsFixtures.run(), List.of()), List.of());
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
                .containsExactly("baseline", "bids", "endings", "show", "fanout", "fanout-every");
    }
}
