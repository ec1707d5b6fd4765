package dev.gavel.systemtests.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.systemtests.support.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void percentilesAreNearestRank() {
        Figures.Spread spread = Figures.Spread.of(List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L));

        assertThat(spread).isEqualTo(new Figures.Spread(10, 1, 5, 10, 10));
    }

    @Test
    void anEmptySampleHasNoFigures() {
        assertThat(Figures.Spread.of(List.of()).cells()).isEqualTo("- | - | - | -");
    }

    @Test
    void recoveryIsTheLongestWaitOfTheCommandsSentWithinASecondOfTheFault() {
        History history = new History();
        history.fault(new History.Fault("kill -9 broker", "kafka-1", 10 * SECOND, 100_000));
        history.command(decided(10 * SECOND + SECOND / 2, 12 * SECOND));
        history.command(decided(10 * SECOND + SECOND / 4, 13 * SECOND));
        history.command(decided(15 * SECOND, 20 * SECOND));

        assertThat(new Figures(history).recoveryByKind())
                .containsEntry("kill -9 broker", new Figures.Spread(1, 3_000, 3_000, 3_000, 3_000));
    }

    @Test
    void anAuctionEndsAsLateAsTheLastOfItsClientsLearnsIt() {
        History history = new History();
        history.seen(ended("alice", "a-1", 50_000, 50_300));
        history.seen(ended("bob", "a-1", 50_000, 50_900));

        assertThat(new Figures(history).endings()).containsExactly(new Figures.Ending("a-1", 50_000, 900));
    }

    @Test
    void aClientThatReconnectsLearnsTheEndFromAClosedSnapshot() {
        History history = new History();
        history.seen(ended("alice", "a-1", 50_000, 50_300));
        history.seen(new History.Seen(
                "bob",
                "a-1",
                7,
                true,
                Json.parse("{\"type\":\"snapshot\",\"auction\":{\"id\":\"a-1\",\"status\":\"ENDED\",\"seq\":7}}"),
                52_000));

        assertThat(new Figures(history).endings()).containsExactly(new Figures.Ending("a-1", 50_000, 2_000));
    }

    @Test
    void endingsFromOneSecondBeforeToFiveAfterAFaultAreNearIt() {
        History history = new History();
        history.fault(new History.Fault("kill -9 bid-processor", "bid-processor-1", 0, 100_000));
        Figures figures = new Figures(history);

        assertThat(figures.nearAFault(new Figures.Ending("a", 99_000, 0))).isTrue();
        assertThat(figures.nearAFault(new Figures.Ending("b", 105_000, 0))).isTrue();
        assertThat(figures.nearAFault(new Figures.Ending("c", 98_999, 0))).isFalse();
        assertThat(figures.nearAFault(new Figures.Ending("d", 105_001, 0))).isFalse();
    }

    private static History.Command decided(long sentNanos, long decidedNanos) {
        return new History.Command(
                "place-bid", "c", "a-1", "u", History.Result.ACCEPTED, null, null, 1, sentNanos, decidedNanos, null);
    }

    private static History.Seen ended(String client, String auctionId, long endedAt, long arrivedAt) {
        return new History.Seen(
                client,
                auctionId,
                9,
                false,
                Json.parse("{\"type\":\"auction-ended\",\"auctionId\":\"" + auctionId + "\",\"seq\":9,\"endedAt\":"
                        + endedAt + "}"),
                arrivedAt);
    }
}
