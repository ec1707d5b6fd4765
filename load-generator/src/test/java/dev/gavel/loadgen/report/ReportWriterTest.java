package dev.gavel.loadgen.report;

import static dev.gavel.loadgen.report.ResultsFixtures.bids;
import static dev.gavel.loadgen.report.ResultsFixtures.document;
import static dev.gavel.loadgen.report.ResultsFixtures.processor;
import static dev.gavel.loadgen.report.ResultsFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path directory;

    @Test
    void writesTheResultsAndReadsThemBackUnchanged() throws Exception {
        Results.Document results = document(processor(130_000, 170_000, 35), bids(45, 0));

        ReportWriter.write(directory, results, List.of());

        assertThat(ReportWriter.read(directory)).isEqualTo(results);
        assertThat(Files.readString(directory.resolve(ReportWriter.MARKDOWN))).contains("# Gavel benchmark results");
    }

    @Test
    void theMarkdownShowsTheMachineTheTargetsAndEveryFigure() {
        Results.Document results = document(processor(130_000, 170_000, 35), bids(45, 0));

        String markdown = ReportWriter.markdown(results, Targets.judge(results), List.of("chart.png"));

        assertThat(markdown)
                .contains("Conditions: quiet machine.")
                .contains("| Cores | 2 |")
                .contains("| Bid processor throughput | >= 120,000 commands/s")
                .contains("| 130,000 commands/s; minimal processor 170,000/s (1.31x) | **met** |")
                .contains("| Gavel processor | 130,000 commands/s |")
                .contains("| Command -> event | 100 | 1 |")
                .contains("| 2000 bids/s | 2,000 | 1,800 | 2,000 | 0 |")
                .contains("![chart.png](chart.png)");
    }

    @Test
    void aFailedScenarioShowsWhyAndNoFigures() {
        Results.Scenario failed = new Results.Builder("fanout", "Fan-out", "run-1", "now")
                .setting("viewers", 5000)
                .figure("messages_per_second", "Messages", 1, "msg/s")
                .failed("fanout: gap in seq: 2", true);
        Results.Document results = document(failed);

        String markdown = ReportWriter.markdown(results, Targets.judge(results), List.of());

        assertThat(failed.figures()).isEmpty();
        assertThat(markdown)
                .contains("**FAILED** (no figures are reported for a failed run)")
                .contains("fanout: gap in seq: 2")
                .contains("`viewers=5000`")
                .doesNotContain("| Messages |");
    }

    @Test
    void mergingKeepsEarlierScenariosAndMarksThemAsFromAnotherRun() {
        Results.Document earlier = document(processor(130_000, 170_000, 35));
        Results.Run later = new Results.Run(
                "run-2", "2025-01-02T00:00:00Z", "quiet", run().machine(), run().versions(), run().stack());
        Results.Scenario bids = new Results.Builder("bids", "Bids", "run-2", "2025-01-02T00:00:00Z").ok();

        Results.Document merged = earlier.merge(later, List.of(bids));
        String markdown = ReportWriter.markdown(merged, Targets.judge(merged), List.of());

        assertThat(merged.scenarios()).extracting(Results.Scenario::name).containsExactly("processor", "bids");
        assertThat(markdown).contains("Run `run-1` (an earlier run than the others)");
    }
}
