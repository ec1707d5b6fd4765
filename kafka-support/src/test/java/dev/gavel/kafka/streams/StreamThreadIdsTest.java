package dev.gavel.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamThreadIdsTest {

    private static final String LIVE = "8d3f2a4e-5b6c-4d7e-8f90-a1b2c3d4e5f6";
    private static final String GONE = "0e1d2c3b-4a59-4876-9543-21fedcba9876";

    private final StreamThreadIds ids = new StreamThreadIds("gavel-bid-processor");

    @Test
    void aThreadsTransactionalIdIsNamedAfterItsConsumer() {
        assertThat(ids.transactionalIdOf("gavel-bid-processor-" + LIVE + "-StreamThread-2-consumer"))
                .contains("gavel-bid-processor-" + LIVE + "-2");
    }

    @Test
    void aConsumerOfAnotherApplicationIsNoThreadOfThisOne() {
        assertThat(ids.transactionalIdOf("gavel-analytics-" + LIVE + "-StreamThread-1-consumer"))
                .isEmpty();
        assertThat(ids.transactionalIdOf("my-client-StreamThread-1-consumer")).isEmpty();
    }

    @Test
    void theTransactionOfAThreadThatLeftTheGroupIsDeparted() {
        List<String> departed = ids.departed(
                List.of("gavel-bid-processor-" + LIVE + "-1", "gavel-bid-processor-" + GONE + "-1"),
                List.of("gavel-bid-processor-" + LIVE + "-StreamThread-1-consumer"));

        assertThat(departed).containsExactly("gavel-bid-processor-" + GONE + "-1");
    }

    @Test
    void anotherThreadOfALiveInstanceIsStillJudgedByItsOwnMembership() {
        List<String> departed = ids.departed(
                List.of("gavel-bid-processor-" + LIVE + "-1", "gavel-bid-processor-" + LIVE + "-2"),
                List.of("gavel-bid-processor-" + LIVE + "-StreamThread-1-consumer"));

        assertThat(departed).containsExactly("gavel-bid-processor-" + LIVE + "-2");
    }

    @Test
    void transactionalIdsThatAreNoStreamThreadsAreNeverFenced() {
        List<String> departed = ids.departed(
                List.of("gavel-bid-processor-importer", "gavel-bid-processor-" + GONE + "-x", "other-" + GONE + "-1"),
                List.of());

        assertThat(departed).isEmpty();
    }

    @Test
    void thePatternMatchesExactlyTheThreadsTransactionalIds() {
        assertThat("gavel-bid-processor-" + GONE + "-3").matches(ids.transactionalIdPattern());
        assertThat("gavel-bid-processor-x-" + GONE + "-3").doesNotMatch(ids.transactionalIdPattern());
    }
}
