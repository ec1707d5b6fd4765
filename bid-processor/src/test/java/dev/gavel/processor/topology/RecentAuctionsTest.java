package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.AUCTION_ID;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.RejectionReason;
import org.junit.jupiter.api.Test;

/**
 * The decoded auctions a task keeps, and the command ids it knows are remembered for them, are only a copy of its
 * stores: when the task starts again, for instance on state restored from its changelog, the processor reads the
 * stores, not what it kept before.
 */
class RecentAuctionsTest {

    private final ProcessorTask task = new ProcessorTask(T0);

    @Test
    void restartedTaskDecidesFromItsStoreNotFromTheAuctionsItKept() {
        task.process(create().build());
        assertThat(task.auctions.get(AUCTION_ID)).isNotNull();

        // The task starts again on a store that, restored from its changelog, does not hold the auction.
        task.auctions.delete(AUCTION_ID);
        task.restart();
        task.process(bid().by(BOB).amount("12.00").build());

        assertOnlyOutcomeIsRejection(RejectionReason.AUCTION_NOT_FOUND);
    }

    @Test
    void restartedTaskSeesEveryChangeItWroteThrough() {
        task.process(create().build());
        task.process(bid().by(BOB).amount("12.00").build());

        task.restart();
        task.process(bid().by(CAROL).amount("12.00").build());

        assertOnlyOutcomeIsRejection(RejectionReason.BID_TOO_LOW);
    }

    @Test
    void restartedTaskStillRecognisesACommandItRemembered() {
        task.process(create().build());
        task.process(bid().id("bid-1").by(BOB).amount("12.00").build());

        task.restart();
        task.process(bid().id("bid-1").by(BOB).amount("12.00").build());

        assertThat(task.forwarded())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandConfirmed.class,
                        confirmed -> assertThat(confirmed.repeated()).isTrue());
    }

    private void assertOnlyOutcomeIsRejection(RejectionReason reason) {
        assertThat(task.forwarded())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }
}
