package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.DURING;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.buyNow;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.topology.EngineDriver.CLOSE_GRACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.RejectionReason;
import dev.gavel.processor.fixtures.Commands.BidBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client retrying a command with the same id gets the original outcome again, and nothing changes twice. */
class RepeatedCommandTopologyTest {

    private final EngineDriver engine = EngineDriver.live(T0);

    @AfterEach
    void closeDriver() {
        engine.close();
    }

    private static BidBuilder bobsBid() {
        return bid().id("bid-1").by(BOB).amount("12.00");
    }

    @Test
    void repeatedAcceptedBidIsConfirmedAsRepeatedWithoutASecondEvent() {
        engine.send(create());
        engine.send(bobsBid().at(DURING));
        engine.skipOutputs();

        engine.send(bobsBid().at(DURING.plusSeconds(2)));

        assertThat(engine.notices()).singleElement().isInstanceOfSatisfying(CommandConfirmed.class, confirmed -> {
            assertThat(confirmed.repeated()).isTrue();
            assertThat(confirmed.seq()).isEqualTo(2);
            assertThat(confirmed.commandId()).isEqualTo("bid-1");
        });
        assertThat(engine.events()).isEmpty();
        assertThat(engine.states()).isEmpty();
    }

    @Test
    void repeatAfterOthersOutbidTheBidderStillReportsTheOriginalOutcome() {
        engine.send(create());
        engine.send(bobsBid());
        engine.send(bid().by(CAROL).amount("20.00"));
        engine.skipOutputs();

        engine.send(bobsBid());

        assertThat(engine.notices()).singleElement().isInstanceOfSatisfying(CommandConfirmed.class, confirmed -> {
            assertThat(confirmed.leading()).isTrue();
            assertThat(confirmed.currentBidCents()).isEqualTo(cents("12.00"));
        });
    }

    @Test
    void repeatedRejectedBidGetsTheSameRejection() {
        engine.send(create());
        engine.send(bid().id("bid-1").by(BOB).amount("1.00"));
        BidderNotice original = engine.notices().get(0);

        engine.send(bid().id("bid-1").by(BOB).amount("1.00").at(DURING.plusSeconds(5)));

        assertThat(engine.notices()).containsExactly(original);
    }

    @Test
    void repeatReceivedAfterTheEndStillGetsTheOriginalOutcome() {
        engine.send(create());
        engine.send(bobsBid());
        engine.advanceWallClockTo(ENDS_AT.plus(CLOSE_GRACE));
        engine.skipOutputs();

        engine.send(bobsBid().at(ENDS_AT.plusSeconds(1)));

        assertOnlyNoticeConfirmsARepeat();
    }

    @Test
    void idReusedForADifferentBidIsRejectedAsDuplicateAndChangesNothing() {
        engine.send(create());
        engine.send(bobsBid());
        engine.skipOutputs();

        engine.send(bid().id("bid-1").by(BOB).amount("30.00"));

        assertThat(engine.notices())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.DUPLICATE_COMMAND_ID));
        assertThat(engine.events()).isEmpty();
    }

    @Test
    void refusalOfAReusedIdTellsTheCurrentMinimumLikeEveryRejection() {
        engine.send(create());
        engine.send(bobsBid());
        engine.skipOutputs();

        engine.send(bid().id("bid-1").by(BOB).amount("30.00"));

        assertThat(((CommandRejected) engine.notices().get(0)).minimumBidCents())
                .isEqualTo(cents("13.00"));
    }

    @Test
    void bidWhoseIdSharesAHashWithAnEarlierIdIsDecidedAsNew() {
        engine.send(create());
        engine.send(bid().id("Aa").by(BOB).amount("12.00"));
        engine.skipOutputs();

        // "Aa" and "BB" have the same String hash code.
        engine.send(bid().id("BB").by(CAROL).amount("13.00"));

        assertThat(engine.events()).singleElement().isInstanceOfSatisfying(BidPlaced.class, placed -> {
            assertThat(placed.commandId()).isEqualTo("BB");
            assertThat(placed.leader()).isEqualTo(CAROL);
        });
        assertThat(engine.notices()).isEmpty();
    }

    @Test
    void repeatIsRecognisedOnAnAuctionWithMoreCommandsThanItsIdsKeptInMemory() {
        engine.send(create());
        for (int i = 0; i <= RememberedIds.LIMIT; i++) {
            engine.send(bid().id("low-" + i).by(CAROL).amount("1.00"));
        }
        engine.send(bobsBid());
        engine.skipOutputs();

        engine.send(bobsBid());

        assertOnlyNoticeConfirmsARepeat();
        assertThat(engine.events()).isEmpty();
    }

    @Test
    void repeatedBuyNowDoesNotSellTwice() {
        engine.send(create().buyNowPrice("80.00"));
        engine.send(buyNow().id("buy-1").by(CAROL));
        engine.skipOutputs();

        engine.send(buyNow().id("buy-1").by(CAROL));

        assertOnlyNoticeConfirmsARepeat();
        assertThat(engine.events()).isEmpty();
    }

    private void assertOnlyNoticeConfirmsARepeat() {
        assertThat(engine.notices())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandConfirmed.class,
                        confirmed -> assertThat(confirmed.repeated()).isTrue());
    }
}
