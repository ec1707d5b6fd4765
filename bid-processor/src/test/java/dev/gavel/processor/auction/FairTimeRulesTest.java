package dev.gavel.processor.auction;

import static dev.gavel.processor.auction.RulesScenario.given;
import static dev.gavel.processor.auction.RulesScenario.onlyEvent;
import static dev.gavel.processor.auction.RulesScenario.rejection;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.buyNow;
import static dev.gavel.processor.fixtures.Commands.cancel;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.close;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.RejectionReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Commands are judged by when the gateway received them, not by when the processor gets to them: the end is a
 * property of the auction's clock, which the processing delay must not move.
 */
class FairTimeRulesTest {

    @Test
    void bidReceivedJustBeforeTheEndCountsThoughProcessedAfterIt() {
        RulesScenario given = given(create().mode(AuctionMode.SUDDEN_DEATH));

        Decision decision = given.when(bid().amount("10.00").at(ENDS_AT.minusMillis(1)));

        assertThat(onlyEvent(decision, BidPlaced.class).at()).isEqualTo(ENDS_AT.minusMillis(1));
    }

    @Test
    void bidReceivedExactlyAtTheEndIsTooLate() {
        RulesScenario given = given(create());

        CommandRejected rejected = rejection(given.when(bid().amount("10.00").at(ENDS_AT)));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_ENDED);
    }

    @Test
    void commandRejectedForTheEndCarriesNoMinimumBid() {
        RulesScenario given = given(create());

        CommandRejected rejected = rejection(given.when(bid().amount("10.00").at(ENDS_AT.plusSeconds(5))));

        assertThat(rejected.minimumBidCents()).isNull();
    }

    @Test
    void bidReceivedAtTheEndIsTooLateEvenBeforeTheCloseIsProcessed() {
        RulesScenario given = given(create(), bid().by(BOB).amount("10.00"));

        rejection(given.when(bid().by(CAROL).amount("50.00").at(ENDS_AT)));

        assertThat(given.auction().currentBidCents()).isEqualTo(cents("10.00"));
    }

    @Test
    void lateReceivedBidExtendsFromItsReceiptTimeNotFromItsProcessing() {
        RulesScenario given = given(create().softClose(Duration.ofSeconds(10)));

        given.when(bid().amount("10.00").at(ENDS_AT.minusMillis(1)));

        assertThat(given.auction().endsAt()).isEqualTo(ENDS_AT.minusMillis(1).plusSeconds(10));
    }

    @Test
    void bidReceivedBeforeTheEndButReadAfterTheCloseIsTooLate() {
        RulesScenario given = given(create(), close().at(ENDS_AT.plusMillis(250)));

        CommandRejected rejected = rejection(given.when(bid().amount("10.00").at(ENDS_AT.minusMillis(1))));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_ENDED);
    }

    @Test
    void buyNowReceivedAtTheEndIsTooLate() {
        RulesScenario given = given(create().buyNowPrice("80.00"));

        CommandRejected rejected = rejection(given.when(buyNow().at(ENDS_AT)));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_ENDED);
    }

    @Test
    void cancelReceivedAtTheEndIsTooLate() {
        RulesScenario given = given(create());

        CommandRejected rejected = rejection(given.when(cancel().at(ENDS_AT)));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_ENDED);
    }
}
