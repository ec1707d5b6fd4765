package dev.gavel.loadgen.report;

import static dev.gavel.loadgen.report.ResultsFixtures.bids;
import static dev.gavel.loadgen.report.ResultsFixtures.document;
import static dev.gavel.loadgen.report.ResultsFixtures.endings;
import static dev.gavel.loadgen.report.ResultsFixtures.fanout;
import static dev.gavel.loadgen.report.ResultsFixtures.processor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.loadgen.report.Targets.Target;
import dev.gavel.loadgen.report.Targets.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    @Test
    void judgesEveryTargetThatWasMeasured() {
        List<Target> targets = Targets.judge(document(
                processor(130_000, 170_000, 35),
                bids(45, 0),
                fanout(200, true),
                fanout("fanout-every", 240, true),
                endings(90)));

        assertThat(targets).extracting(Target::verdict).containsOnly(Verdict.MET);
        assertThat(targets.get(0).measured()).isEqualTo("130,000 commands/s; minimal processor 170,000/s (1.31x)");
    }

    @Test
    void theProcessorMustBeFastEnoughAndCloseEnoughToTheMinimalOne() {
        assertThat(Targets.processorThroughput(processor(110_000, 120_000, 1)).verdict())
                .isEqualTo(Verdict.NOT_MET);
        assertThat(Targets.processorThroughput(processor(125_000, 200_000, 1)).verdict())
                .isEqualTo(Verdict.NOT_MET);
        assertThat(Targets.processorLatency(processor(125_000, 150_000, 41)).verdict())
                .isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void aRoundTripWithErrorRepliesDoesNotMeetItsTarget() {
        Target target = Targets.bidRoundTrip(bids(20, 3));

        assertThat(target.verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(target.measured()).contains("3 error replies");
    }

    @Test
    void fanoutNeedsFreshPricesAndABoundedHeap() {
        assertThat(Targets.fanout(fanout(260, true)).verdict()).isEqualTo(Verdict.NOT_MET);
        Target unbounded = Targets.fanout(fanout(100, false));
        assertThat(unbounded.verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(unbounded.measured()).isEqualTo("p99 100.0 ms, heap NOT bounded (peak 300 MB)");
    }

    @Test
    void viewersOfEveryEventAreJudgedOnTheirOwnRun() {
        Results.Document latestOnly = document(fanout(200, true));

        Target everyEvent = Targets.judge(latestOnly).stream()
                .filter(target -> target.name().equals("Fan-out to viewers of every event"))
                .findFirst()
                .orElseThrow();

        assertThat(everyEvent.verdict()).isEqualTo(Verdict.NOT_MEASURED);
        assertThat(Targets.fanoutEveryEvent(fanout("fanout-every", 260, true)).verdict())
                .isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void endingsMustReachTheClientWithinATenthOfASecond() {
        assertThat(Targets.endings(endings(99)).verdict()).isEqualTo(Verdict.MET);
        assertThat(Targets.endings(endings(101)).verdict()).isEqualTo(Verdict.NOT_MET);
    }

    @Test
    void aRunTheSystemFailedDoesNotMeetItsTarget() {
        Results.Scenario failed =
                new Results.Builder("bids", "Bids", "run-1", "now").failed("gap in seq: 1\nmore", true);

        Target target = Targets.judge(document(failed)).get(2);

        assertThat(target.verdict()).isEqualTo(Verdict.NOT_MET);
        assertThat(target.measured()).isEqualTo("the system failed under this load: gap in seq: 1");
    }

    @Test
    void aRunThatCouldNotProceedOrDidNotRunMeasuresNothing() {
        Results.Scenario failed = new Results.Builder("bids", "Bids", "run-1", "now")
                .failed("the run could not complete: no broker", false);

        List<Target> targets = Targets.judge(document(failed));

        assertThat(targets).extracting(Target::verdict).containsOnly(Verdict.NOT_MEASURED);
        assertThat(targets.get(2).measured()).isEqualTo("the run failed: the run could not complete: no broker");
        assertThat(targets.get(0).measured()).isEqualTo("not run");
    }
}
