package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.AUCTION_ID;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.topology.EngineDriver.CLOSE_GRACE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The processor counts what it decided, what it could not read, how late auctions closed and how many are open. */
class ProcessorMetricsTopologyTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EngineDriver engine = new EngineDriver(EngineDriver.liveSettings(), T0, new ProcessorMetrics(meters));

    @AfterEach
    void closeDriver() {
        engine.close();
    }

    @Test
    void decisionsAreCountedByTypeOutcomeAndReason() {
        engine.send(create().by(ALICE));
        engine.send(bid().by(BOB).amount("12.00"));
        engine.send(bid().by(CAROL).amount("12.00"));
        engine.send(bid().by(ALICE).amount("20.00"));

        assertThat(decisions("create-auction", "accepted", "none")).isEqualTo(1);
        assertThat(decisions("place-bid", "accepted", "none")).isEqualTo(1);
        assertThat(decisions("place-bid", "rejected", "BID_TOO_LOW")).isEqualTo(1);
        assertThat(decisions("place-bid", "rejected", "SELF_BID")).isEqualTo(1);
    }

    @Test
    void aRepeatedCommandIsCountedAsRepeatedNotDecidedAgain() {
        engine.send(create());
        var bid = bid().by(BOB).amount("12.00").build();
        engine.send(bid);
        engine.send(bid);

        assertThat(decisions("place-bid", "accepted", "none")).isEqualTo(1);
        assertThat(decisions("place-bid", "repeated", "none")).isEqualTo(1);
    }

    @Test
    void recordsThatCannotBeReadAreCountedAsDeadLetters() {
        engine.sendRaw(AUCTION_ID, "bid 150 on the camera".getBytes(UTF_8), T0);

        assertThat(meters.get(ProcessorMetrics.DEAD_LETTERS).counter().count()).isEqualTo(1);
    }

    @Test
    void openAuctionsAreCountedUntilTheyEnd() {
        engine.send(create().on("auction-a"));
        engine.send(create().on("auction-b"));
        assertThat(openAuctions()).isEqualTo(2);

        engine.advanceWallClockTo(ENDS_AT.plus(CLOSE_GRACE));

        assertThat(openAuctions()).isZero();
    }

    @Test
    void closeLatenessIsTheWallClockTimeAfterEndsAtWhenTheCloseIsDecided() {
        engine.send(create());

        engine.advanceWallClockTo(ENDS_AT.plus(CLOSE_GRACE));

        Timer lateness = meters.get(ProcessorMetrics.CLOSE_LATENESS).timer();
        assertThat(lateness.count()).isEqualTo(1);
        assertThat(lateness.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(CLOSE_GRACE.toMillis(), offset(0.5));
        assertThat(Duration.ofMillis((long) lateness.max(TimeUnit.MILLISECONDS)))
                .isEqualTo(CLOSE_GRACE);
    }

    private double decisions(String type, String outcome, String reason) {
        Counter counter = meters.find(ProcessorMetrics.DECISIONS)
                .tags("type", type, "outcome", outcome, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double openAuctions() {
        return meters.get(ProcessorMetrics.OPEN_AUCTIONS).gauge().value();
    }
}
