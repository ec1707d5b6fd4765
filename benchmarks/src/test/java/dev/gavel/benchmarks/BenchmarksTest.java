package dev.gavel.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gavel.loadgen.scenario.Scenario;
import org.junit.jupiter.api.Test;

class BenchmarksTest {

    /** Names key the results of earlier runs and the targets, and titles head them in the report: both stay. */
    @Test
    void theSuiteRunsEveryScenarioInItsPublishedOrderUnderItsPublishedName() {
        assertThat(Benchmarks.scenarios())
                .extracting(Scenario::name, Scenario::title)
                .containsExactly(
                        tuple("baseline", "Raw Kafka baseline"),
                        tuple("processor", "Bid processor"),
                        tuple("bids", "Bids through the gateway"),
                        tuple("endings", "Auction endings"),
                        tuple("show", "A live show with thousands of viewers"),
                        tuple("fanout", "Fan-out to viewers of one auction"),
                        tuple("fanout-every", "Fan-out to viewers of every event of one auction"),
                        tuple("rules", "Auction rules (JMH)"));
    }
}
