package dev.gavel.processor.auction;

import static dev.gavel.events.ModerationAction.CANCEL;
import static dev.gavel.events.ModerationAction.END;
import static dev.gavel.events.ModerationAction.REMOVE_BIDDER;
import static dev.gavel.processor.auction.RulesScenario.given;
import static dev.gavel.processor.auction.RulesScenario.onlyEvent;
import static dev.gavel.processor.auction.RulesScenario.rejection;
import static dev.gavel.processor.fixtures.Commands.DURING;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.buyNow;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.close;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Commands.moderate;
import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.fixtures.Users.MIA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModerationRulesTest {

    private static final Instant LATER = DURING.plusSeconds(5);

    @Test
    void moderatorEndingARunningAuctionSellsToTheLeaderNow() {
        RulesScenario given =
                given(create(), bid().by(BOB).max("30.00"), bid().by(CAROL).amount("20.00"));

        Decision decision = given.when(moderate(END).at(LATER));

        AuctionEnded ended = onlyEvent(decision, AuctionEnded.class);
        assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
        assertThat(ended.winner()).isEqualTo(BOB);
        assertThat(ended.finalPriceCents()).isEqualTo(given.auction().currentBidCents());
        assertThat(ended.at()).isEqualTo(LATER);
        assertThat(ended.commandId()).isEqualTo(decision.reply().commandId());
        assertThat(given.auction().status()).isEqualTo(AuctionStatus.ENDED);
        assertThat(decision.reply()).isInstanceOf(CommandConfirmed.class);
        assertThat(decision.replyIsPrivate()).isFalse();
    }

    @Test
    void moderatorEndingAnAuctionWithoutBidsLeavesItUnsold() {
        RulesScenario given = given(create());

        assertThat(onlyEvent(given.when(moderate(END)), AuctionEnded.class).outcome())
                .isEqualTo(Outcome.UNSOLD);
    }

    @Test
    void moderatorEndingBelowTheReserveEndsItWithTheReserveNotMet() {
        RulesScenario given = given(create().reserve("50.00"), bid().by(BOB).amount("20.00"));

        AuctionEnded ended = onlyEvent(given.when(moderate(END)), AuctionEnded.class);

        assertThat(ended.outcome()).isEqualTo(Outcome.RESERVE_NOT_MET);
        assertThat(ended.winner()).isNull();
    }

    @Test
    void moderatorCancellingAnAuctionWithBidsEndsItWithNoWinner() {
        RulesScenario given = given(create(), bid().by(BOB).amount("20.00"));

        AuctionEnded ended = onlyEvent(given.when(moderate(CANCEL).at(LATER)), AuctionEnded.class);

        assertThat(ended.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(ended.winner()).isNull();
        assertThat(ended.finalPriceCents()).isNull();
        assertThat(ended.bidCount()).isEqualTo(1);
        assertThat(ended.at()).isEqualTo(LATER);
    }

    @Test
    void adminModeratesAsAModeratorDoes() {
        RulesScenario given = given(create());

        assertThat(onlyEvent(given.when(moderate(CANCEL).by(MIA, Role.ADMIN)), AuctionEnded.class)
                        .outcome())
                .isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void userWithoutAModeratingRoleIsRefused() {
        RulesScenario given = given(create(), bid().by(BOB).amount("20.00"));

        assertThat(rejection(given.when(moderate(END).by(CAROL, Role.SELLER))).reason())
                .isEqualTo(RejectionReason.NOT_MODERATOR);
        assertThat(rejection(given.when(moderate(CANCEL).by(ALICE, null))).reason())
                .isEqualTo(RejectionReason.NOT_MODERATOR);
        assertThat(given.auction().status()).isEqualTo(AuctionStatus.OPEN);
    }

    @Test
    void actionOnAnEndedAuctionIsRefused() {
        RulesScenario given = given(create(), moderate(CANCEL));

        assertThat(rejection(given.when(moderate(END))).reason()).isEqualTo(RejectionReason.AUCTION_ENDED);
    }

    @Test
    void actionReceivedAfterTheEndIsRefusedEvenBeforeTheCloseIsRead() {
        RulesScenario given = given(create());

        assertThat(rejection(given.when(moderate(CANCEL).at(ENDS_AT))).reason())
                .isEqualTo(RejectionReason.AUCTION_ENDED);
    }

    @Test
    void actionOnAnUnknownAuctionIsRefused() {
        RulesScenario given = given();

        assertThat(rejection(given.when(moderate(END))).reason()).isEqualTo(RejectionReason.AUCTION_NOT_FOUND);
    }

    @Test
    void commandWithoutAnActionIsRefused() {
        RulesScenario given = given(create());

        assertThat(rejection(given.when(moderate(null))).reason()).isEqualTo(RejectionReason.INVALID_MODERATION);
    }

    @Test
    void removalWithoutTheUserToRemoveIsRefused() {
        RulesScenario given = given(create());

        assertThat(rejection(given.when(moderate(REMOVE_BIDDER))).reason())
                .isEqualTo(RejectionReason.INVALID_MODERATION);
    }

    @Test
    void removalIsConfirmedPrivatelyAndChangesNothingPublic() {
        RulesScenario given =
                given(create(), bid().by(BOB).amount("20.00"), bid().by(CAROL).amount("25.00"));
        long seq = given.auction().seq();

        Decision decision = given.when(moderate(REMOVE_BIDDER).bidder(BOB));

        assertThat(decision.events()).isEmpty();
        assertThat(decision.replyIsPrivate()).isTrue();
        assertThat(decision.reply()).isInstanceOf(CommandConfirmed.class);
        assertThat(given.auction().seq()).isEqualTo(seq);
        assertThat(given.auction().removedBidders()).containsExactly(BOB.id());
    }

    @Test
    void removedBidderIsRefusedFurtherBids() {
        RulesScenario given = given(
                create(),
                bid().by(BOB).amount("20.00"),
                bid().by(CAROL).amount("25.00"),
                moderate(REMOVE_BIDDER).bidder(BOB));

        assertThat(rejection(given.when(bid().by(BOB).amount("40.00"))).reason())
                .isEqualTo(RejectionReason.BIDDER_REMOVED);
        assertThat(given.auction().leader().bidder()).isEqualTo(CAROL);
    }

    @Test
    void removedUserCannotBuyNow() {
        RulesScenario given =
                given(create().buyNowPrice("80.00"), moderate(REMOVE_BIDDER).bidder(BOB));

        assertThat(rejection(given.when(buyNow().by(BOB))).reason()).isEqualTo(RejectionReason.BIDDER_REMOVED);
    }

    @Test
    void removingTheLeaderIsRefusedBecauseTheirBidsCannotBeVoided() {
        RulesScenario given =
                given(create(), bid().by(CAROL).amount("20.00"), bid().by(BOB).max("40.00"));

        assertThat(rejection(given.when(moderate(REMOVE_BIDDER).bidder(BOB))).reason())
                .isEqualTo(RejectionReason.BIDDER_LEADS);
    }

    @Test
    void removingAUserTwiceIsConfirmedAndRemovesThemOnce() {
        RulesScenario given = given(create(), moderate(REMOVE_BIDDER).bidder(BOB));

        Decision again = given.when(moderate(REMOVE_BIDDER).bidder(BOB));

        assertThat(again.reply()).isInstanceOf(CommandConfirmed.class);
        assertThat(given.auction().removedBidders()).containsExactly(BOB.id());
    }

    @Test
    void closeAfterAModeratorEndedTheAuctionDoesNothing() {
        RulesScenario given = given(create(), bid().by(BOB).amount("20.00"), moderate(END));

        assertThat(given.when(close().at(ENDS_AT)).events()).isEmpty();
        assertThat(given.auction().finalPriceCents()).isEqualTo(cents("20.00"));
    }
}
