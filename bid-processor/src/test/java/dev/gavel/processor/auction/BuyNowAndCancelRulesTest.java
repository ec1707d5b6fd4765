package dev.gavel.processor.auction;

import static dev.gavel.processor.auction.RulesScenario.given;
import static dev.gavel.processor.auction.RulesScenario.onlyEvent;
import static dev.gavel.processor.auction.RulesScenario.rejection;
import static dev.gavel.processor.fixtures.Commands.DURING;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.buyNow;
import static dev.gavel.processor.fixtures.Commands.cancel;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import org.junit.jupiter.api.Test;

class BuyNowAndCancelRulesTest {

    @Test
    void buyNowBeforeAnyBidSellsAtOnceAtTheBuyNowPrice() {
        RulesScenario given = given(create().buyNowPrice("80.00"));

        AuctionEnded ended = onlyEvent(given.when(buyNow().by(BOB).at(DURING)), AuctionEnded.class);

        assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
        assertThat(ended.winner()).isEqualTo(BOB);
        assertThat(ended.finalPriceCents()).isEqualTo(cents("80.00"));
        assertThat(ended.at()).isEqualTo(DURING);
        assertThat(ended.seq()).isEqualTo(2);
        assertThat(given.auction().status()).isEqualTo(AuctionStatus.ENDED);
    }

    @Test
    void buyerIsConfirmedWithThePriceTheyPay() {
        RulesScenario given = given(create().buyNowPrice("80.00"));

        Decision decision = given.when(buyNow().by(BOB));

        assertThat(decision.reply())
                .isInstanceOfSatisfying(
                        CommandConfirmed.class,
                        confirmed -> assertThat(confirmed.amountCents()).isEqualTo(cents("80.00")));
    }

    @Test
    void buyNowIsUnavailableOnceTheFirstBidIsPlaced() {
        RulesScenario given =
                given(create().buyNowPrice("80.00"), bid().by(CAROL).amount("10.00"));

        assertThat(rejection(given.when(buyNow().by(BOB))).reason()).isEqualTo(RejectionReason.BUY_NOW_UNAVAILABLE);
    }

    @Test
    void buyNowIsUnavailableWithoutABuyNowPrice() {
        RulesScenario given = given(create().buyNowPrice(null));

        assertThat(rejection(given.when(buyNow().by(BOB))).reason()).isEqualTo(RejectionReason.BUY_NOW_UNAVAILABLE);
    }

    @Test
    void sellerCannotBuyTheirOwnItem() {
        RulesScenario given = given(create().by(ALICE).buyNowPrice("80.00"));

        assertThat(rejection(given.when(buyNow().by(ALICE))).reason()).isEqualTo(RejectionReason.SELF_BID);
    }

    @Test
    void buyNowOnAnUnknownAuctionIsRejectedAsNotFound() {
        RulesScenario given = given();

        assertThat(rejection(given.when(buyNow())).reason()).isEqualTo(RejectionReason.AUCTION_NOT_FOUND);
    }

    @Test
    void secondBuyNowFindsTheAuctionEnded() {
        RulesScenario given = given(create().buyNowPrice("80.00"), buyNow().by(BOB));

        assertThat(rejection(given.when(buyNow().by(CAROL))).reason()).isEqualTo(RejectionReason.AUCTION_ENDED);
    }

    @Test
    void sellerCancellingBeforeTheFirstBidEndsTheAuctionCancelled() {
        RulesScenario given = given(create().by(ALICE));

        AuctionEnded ended = onlyEvent(given.when(cancel().by(ALICE).at(DURING)), AuctionEnded.class);

        assertThat(ended.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(ended.winner()).isNull();
        assertThat(ended.finalPriceCents()).isNull();
        assertThat(ended.at()).isEqualTo(DURING);
    }

    @Test
    void onlyTheSellerMayCancel() {
        RulesScenario given = given(create().by(ALICE));

        assertThat(rejection(given.when(cancel().by(BOB))).reason()).isEqualTo(RejectionReason.NOT_SELLER);
    }

    @Test
    void auctionWithBidsCannotBeCancelled() {
        RulesScenario given = given(create().by(ALICE), bid().by(BOB).amount("10.00"));

        assertThat(rejection(given.when(cancel().by(ALICE))).reason()).isEqualTo(RejectionReason.BIDS_PLACED);
    }

    @Test
    void cancelOfAnUnknownAuctionIsRejectedAsNotFound() {
        RulesScenario given = given();

        assertThat(rejection(given.when(cancel())).reason()).isEqualTo(RejectionReason.AUCTION_NOT_FOUND);
    }

    @Test
    void cancelledAuctionCannotBeCancelledAgain() {
        RulesScenario given = given(create().by(ALICE), cancel().by(ALICE));

        assertThat(rejection(given.when(cancel().by(ALICE))).reason()).isEqualTo(RejectionReason.AUCTION_ENDED);
    }
}
