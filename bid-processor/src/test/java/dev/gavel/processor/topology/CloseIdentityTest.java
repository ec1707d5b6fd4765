package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A task that lags can ask for a close of an end that a bid, already in the log but not yet read, has extended; the
 * watermarks may then end the auction before that close is read. Whichever ends it, the ending is the same event: all
 * closes of an auction share one id (ADR 19).
 */
class CloseIdentityTest {

    private final ProcessorTask task = new ProcessorTask(T0);

    @Test
    void aCloseAskedForAnEndABidHasSinceExtendedHasTheIdOfTheEndingTheWatermarksDecide() {
        task.process(create().softClose(Duration.ofSeconds(10)).build());
        task.punctuate(ENDS_AT.plusSeconds(10));
        CloseAuction askedForTheOldEnd = (CloseAuction) task.forwarded().stream()
                .filter(CloseAuction.class::isInstance)
                .findFirst()
                .orElseThrow();

        // Read after that: a bid received a second before the old end moves the end to 9 s after it.
        task.process(bid().by(BOB).amount("10.00").at(ENDS_AT.minusSeconds(1)).build());
        task.watermark("gateway-a", ENDS_AT.plusMillis(9_500));

        assertThat(task.forwarded())
                .filteredOn(AuctionEnded.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(AuctionEnded.class, ended -> {
                    assertThat(ended.at()).isEqualTo(ENDS_AT.plusSeconds(9));
                    assertThat(ended.commandId()).isEqualTo(askedForTheOldEnd.commandId());
                });
    }
}
