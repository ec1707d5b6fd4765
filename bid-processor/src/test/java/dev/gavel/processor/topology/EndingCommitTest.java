package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.close;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.AuctionView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ending closed on the gateways' watermarks is decided in the transaction of the last watermark it needed (ADR 19);
 * one closed by the punctuator waits on two commits, the close command's and then the end's. The task asks for each at
 * once rather than letting it wait for the rest of the commit interval, and so does the opening of a show's lot. Other
 * decisions wait for the interval, as before.
 */
class EndingCommitTest {

    private final ProcessorTask task = new ProcessorTask(T0);

    @BeforeEach
    void givenARunningAuctionWithABid() {
        task.process(create().build());
        task.process(bid().by(BOB).amount("12.00").build());
    }

    @Test
    void anAcceptedBidWaitsForTheCommitInterval() {
        assertThat(task.forwarded()).hasAtLeastOneElementOfType(BidPlaced.class);
        assertThat(task.context.committed()).isFalse();
    }

    @Test
    void writingACloseCommandAsksForACommitAtOnce() {
        task.punctuate(ENDS_AT.plus(EngineSettings.defaults().closeGrace()));

        assertThat(task.forwarded()).hasAtLeastOneElementOfType(CloseAuction.class);
        assertThat(task.context.committed()).isTrue();
    }

    @Test
    void openingALotOfAShowAsksForACommitAtOnce() {
        ProcessorTask show = new ProcessorTask(T0);

        show.process(create().on("spring-drop_1_1").build());

        assertThat(show.forwarded()).hasAtLeastOneElementOfType(AuctionCreated.class);
        assertThat(show.context.committed()).isTrue();
    }

    @Test
    void theWatermarkThatClosesAnAuctionEndsItInItsOwnTransaction() {
        task.context.resetForwards();

        task.watermark("gateway-a", ENDS_AT.plusMillis(3));

        assertThat(task.forwarded())
                .satisfiesExactly(
                        ended -> assertThat(ended).isInstanceOf(AuctionEnded.class),
                        state -> assertThat(state).isInstanceOf(AuctionView.class),
                        close -> assertThat(close).isInstanceOf(CloseAuction.class));
        assertThat(task.context.committed()).isTrue();
    }

    @Test
    void gatewaysHeardBeforeARestartAreStillWaitedFor() {
        task.watermark("gateway-a", ENDS_AT.minusMillis(100));
        task.watermark("gateway-b", ENDS_AT.minusMillis(100));
        task.restart();

        task.watermark("gateway-a", ENDS_AT.plusMillis(3));
        boolean endedWhileBWasBehind = !task.forwarded().isEmpty();
        task.watermark("gateway-b", ENDS_AT.plusMillis(4));

        assertThat(endedWhileBWasBehind).isFalse();
        assertThat(task.forwarded()).hasAtLeastOneElementOfType(AuctionEnded.class);
    }

    @Test
    void endingAnAuctionAsksForACommitAtOnce() {
        task.process(close().build());

        assertThat(task.forwarded()).hasAtLeastOneElementOfType(AuctionEnded.class);
        assertThat(task.context.committed()).isTrue();
    }
}
