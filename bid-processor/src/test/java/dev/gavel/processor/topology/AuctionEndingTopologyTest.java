package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.AUCTION_ID;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.buyNow;
import static dev.gavel.processor.fixtures.Commands.close;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.topology.EngineDriver.CLOSE_GRACE;
import static dev.gavel.processor.topology.EngineDriver.ENDED_RETENTION;
import static dev.gavel.processor.topology.EngineDriver.PUNCTUATION_INTERVAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionCommand.ExpireAuction;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How auctions end in the topology: the wall-clock punctuator appends a close to the command log once an auction's
 * end plus the grace period has passed, and the auction ends only when that close is read back and decided. The
 * punctuator runs once per interval, so a close is requested at its first run at or after that time. Ended auctions
 * are dropped after their retention.
 */
class AuctionEndingTopologyTest {

    private static final Instant CLOSE_DUE = ENDS_AT.plus(CLOSE_GRACE);
    private static final Instant EXPIRY_DUE = ENDS_AT.plus(ENDED_RETENTION);

    private final EngineDriver engine = EngineDriver.live(T0);

    @AfterEach
    void closeDriver() {
        engine.close();
    }

    private void openAuction() {
        engine.send(create());
        engine.skipOutputs();
    }

    @Test
    void noCloseIsRequestedBeforeTheEndPlusTheGrace() {
        openAuction();

        engine.advanceWallClockTo(CLOSE_DUE.minusMillis(1));

        assertThat(engine.requestedCommands()).isEmpty();
        assertThat(engine.events()).isEmpty();
    }

    @Test
    void closeIsAppendedToTheCommandLogOnceTheEndPlusTheGraceHasPassed() {
        openAuction();

        engine.advanceWallClockTo(CLOSE_DUE);

        assertThat(engine.requestedCommands()).singleElement().isInstanceOfSatisfying(CloseAuction.class, close -> {
            assertThat(close.auctionId()).isEqualTo(AUCTION_ID);
            assertThat(close.receivedAt()).isEqualTo(CLOSE_DUE);
        });
    }

    @Test
    void auctionEndsWhenItsRequestedCloseIsReadBackFromTheLog() {
        openAuction();

        engine.advanceWallClockTo(CLOSE_DUE);

        AuctionCommand close = engine.requestedCommands().get(0);
        assertThat(engine.events()).singleElement().isInstanceOfSatisfying(AuctionEnded.class, ended -> {
            assertThat(ended.commandId()).isEqualTo(close.commandId());
            assertThat(ended.outcome()).isEqualTo(Outcome.UNSOLD);
            assertThat(ended.at()).isEqualTo(ENDS_AT);
        });
        assertThat(engine.states())
                .singleElement()
                .satisfies(state -> assertThat(state.value.status()).isEqualTo(AuctionStatus.ENDED));
    }

    @Test
    void closeIsRequestedOnlyOnce() {
        openAuction();
        engine.advanceWallClockTo(CLOSE_DUE);
        engine.skipOutputs();

        engine.advanceWallClockTo(CLOSE_DUE.plusSeconds(30));

        assertThat(engine.requestedCommands()).isEmpty();
        assertThat(engine.events()).isEmpty();
    }

    @Test
    void auctionThatEndedEarlyNeedsNoClose() {
        engine.send(create().buyNowPrice("80.00"));
        engine.send(buyNow().by(BOB));

        engine.advanceWallClockTo(CLOSE_DUE.plusSeconds(30));

        assertThat(engine.requestedCommands()).isEmpty();
    }

    @Test
    void extendedAuctionIsClosedOnlyAfterItsNewEndPlusTheGrace() {
        engine.send(create().softClose(Duration.ofSeconds(10)));
        engine.send(bid().by(BOB).amount("10.00").at(ENDS_AT.minusSeconds(1)));
        Instant newEnd = ENDS_AT.plusSeconds(9);

        engine.advanceWallClockTo(newEnd.plus(CLOSE_GRACE).minusMillis(1));
        List<AuctionCommand> beforeNewEnd = engine.requestedCommands();
        engine.advanceWallClockTo(newEnd.plus(CLOSE_GRACE).plus(PUNCTUATION_INTERVAL));

        assertThat(beforeNewEnd).isEmpty();
        assertThat(engine.requestedCommands()).singleElement().isInstanceOf(CloseAuction.class);
    }

    @Test
    void lateBidReadBeforeAnEarlierCloseMakesThatCloseStale() {
        engine.send(create().softClose(Duration.ofSeconds(10)));
        engine.send(bid().by(BOB).amount("10.00").at(ENDS_AT.minusSeconds(1)));
        engine.skipOutputs();

        // The punctuator appended this close while the late bid was already in the log ahead of it.
        engine.send(close().at(CLOSE_DUE));

        assertThat(engine.events()).isEmpty();
        assertThat(engine.auctionStore().get(AUCTION_ID).status()).isEqualTo(AuctionStatus.OPEN);
    }

    @Test
    void auctionWhoseCloseWasStaleEndsAtItsNewEnd() {
        engine.send(create().softClose(Duration.ofSeconds(10)));
        engine.send(bid().by(BOB).amount("10.00").at(ENDS_AT.minusSeconds(1)));
        engine.send(close().at(CLOSE_DUE));
        engine.skipOutputs();

        engine.advanceWallClockTo(ENDS_AT.plusSeconds(9).plus(CLOSE_GRACE));

        assertThat(engine.events()).singleElement().isInstanceOfSatisfying(AuctionEnded.class, ended -> {
            assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
            assertThat(ended.winner()).isEqualTo(BOB);
            assertThat(ended.at()).isEqualTo(ENDS_AT.plusSeconds(9));
        });
    }

    @Test
    void bidReceivedInTimeButReadAfterTheCloseIsTooLate() {
        openAuction();
        engine.advanceWallClockTo(CLOSE_DUE);
        engine.skipOutputs();

        engine.send(bid().by(BOB).amount("10.00").at(ENDS_AT.minusMillis(1)));

        assertThat(engine.notices())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_ENDED));
        assertThat(engine.events()).isEmpty();
    }

    @Test
    void endedAuctionIsKeptUntilItsRetentionIsOver() {
        openAuction();
        engine.advanceWallClockTo(CLOSE_DUE);
        engine.skipOutputs();

        engine.advanceWallClockTo(EXPIRY_DUE.minusMillis(1));

        assertThat(engine.requestedCommands()).isEmpty();
        assertThat(engine.states()).isEmpty();
        assertThat(engine.auctionStore().get(AUCTION_ID)).isNotNull();
    }

    @Test
    void expiryIsAppendedToTheLogAndTombstonesTheSnapshot() {
        openAuction();
        engine.advanceWallClockTo(CLOSE_DUE);
        engine.skipOutputs();

        engine.advanceWallClockTo(EXPIRY_DUE);

        assertThat(engine.requestedCommands()).singleElement().isInstanceOf(ExpireAuction.class);
        assertThat(engine.states()).containsExactly(KeyValue.pair(AUCTION_ID, null));
        assertThat(engine.auctionStore().get(AUCTION_ID)).isNull();
        assertThat(engine.events()).isEmpty();
    }

    @Test
    void expiredAuctionIsForgottenWithTheCommandsItRemembered() {
        engine.send(create());
        engine.send(bid().id("bid-1").by(BOB).amount("10.00"));
        engine.advanceWallClockTo(CLOSE_DUE);
        engine.advanceWallClockTo(EXPIRY_DUE);
        engine.skipOutputs();

        engine.send(bid().id("bid-1").by(BOB).amount("10.00").at(EXPIRY_DUE));

        assertThat(engine.notices())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_NOT_FOUND));
    }
}
