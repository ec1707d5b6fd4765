package dev.gavel.processor.auction;

import static dev.gavel.processor.auction.RulesScenario.given;
import static dev.gavel.processor.auction.RulesScenario.onlyEvent;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.fixtures.Users.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import org.junit.jupiter.api.Test;

/** Proxy bids: the price is the lower of the leader's maximum and the runner-up's maximum plus one increment. */
class ProxyBiddingRulesTest {

    @Test
    void firstProxyBidOpensAtTheStartingPrice() {
        RulesScenario given = given(create().startingPrice("100.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(BOB).max("400.00")), BidPlaced.class);

        assertThat(placed.currentBidCents()).isEqualTo(cents("100.00"));
        assertThat(placed.amountCents()).isEqualTo(cents("100.00"));
        assertThat(placed.leader()).isEqualTo(BOB);
    }

    @Test
    void higherMaximumTakesTheLeadAtOneIncrementAboveTheRunnerUpsMaximum() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).max("150.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).max("400.00")), BidPlaced.class);

        assertThat(placed.leader()).isEqualTo(CAROL);
        assertThat(placed.currentBidCents()).isEqualTo(cents("155.00"));
    }

    @Test
    void priceNeverExceedsTheLeadersMaximum() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).max("150.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).max("152.00")), BidPlaced.class);

        assertThat(placed.leader()).isEqualTo(CAROL);
        assertThat(placed.currentBidCents()).isEqualTo(cents("152.00"));
    }

    @Test
    void incrementAboveTheRunnerUpIsTheOneOfTheRunnerUpsBand() {
        RulesScenario given =
                given(create().startingPrice("50.00"), bid().by(BOB).max("99.99"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).max("400.00")), BidPlaced.class);

        assertThat(placed.currentBidCents()).isEqualTo(cents("102.99"));
    }

    @Test
    void challengerBelowTheLeadersMaximumIsOutbidByProxyAtOnce() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).max("200.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).amount("150.00")), BidPlaced.class);

        assertThat(placed.bidder()).isEqualTo(CAROL);
        assertThat(placed.amountCents()).isEqualTo(cents("150.00"));
        assertThat(placed.leader()).isEqualTo(BOB);
        assertThat(placed.currentBidCents()).isEqualTo(cents("155.00"));
        assertThat(placed.bidCount()).isEqualTo(2);
    }

    @Test
    void outbidChallengerIsToldTheyAreNotLeading() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).max("200.00"));

        Decision decision = given.when(bid().by(CAROL).amount("150.00"));

        assertThat(decision.reply())
                .isInstanceOfSatisfying(
                        CommandConfirmed.class,
                        confirmed -> assertThat(confirmed.leading()).isFalse());
    }

    @Test
    void proxyAnswerNeverExceedsTheLeadersMaximum() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).max("153.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).amount("150.00")), BidPlaced.class);

        assertThat(placed.leader()).isEqualTo(BOB);
        assertThat(placed.currentBidCents()).isEqualTo(cents("153.00"));
    }

    @Test
    void equalMaximaGoToTheEarlierBid() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).max("200.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).max("200.00")), BidPlaced.class);

        assertThat(placed.leader()).isEqualTo(BOB);
        assertThat(placed.currentBidCents()).isEqualTo(cents("200.00"));
        assertThat(placed.amountCents()).isEqualTo(cents("200.00"));
    }

    @Test
    void plainBidAboveTheLeadersMaximumTakesTheLeadAtItsOwnAmount() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).max("150.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).amount("300.00")), BidPlaced.class);

        assertThat(placed.leader()).isEqualTo(CAROL);
        assertThat(placed.currentBidCents()).isEqualTo(cents("300.00"));
    }

    @Test
    void leaderRaisingTheirOwnMaximumDoesNotRaiseThePrice() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).max("150.00"));

        Decision decision = given.when(bid().by(BOB).max("500.00"));

        assertThat(decision.events()).isEmpty();
        assertThat(decision.replyIsPrivate()).isTrue();
        assertThat(given.auction().currentBidCents()).isEqualTo(cents("100.00"));
        assertThat(given.auction().bidCount()).isEqualTo(1);
        assertThat(given.auction().leader().maxAmountCents()).isEqualTo(cents("500.00"));
    }

    @Test
    void raisedMaximumDefendsTheLeadLater() {
        RulesScenario given = given(
                create().startingPrice("100.00"),
                bid().by(BOB).max("150.00"),
                bid().by(BOB).max("500.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).max("300.00")), BidPlaced.class);

        assertThat(placed.leader()).isEqualTo(BOB);
        assertThat(placed.currentBidCents()).isEqualTo(cents("310.00"));
    }

    @Test
    void proxyBattleOfThreeEndsWithTheHighestMaximumOneIncrementAboveTheSecond() {
        RulesScenario given = given(
                create().startingPrice("10.00"),
                bid().by(BOB).max("40.00"),
                bid().by(CAROL).max("60.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(DAVE).max("55.00")), BidPlaced.class);

        assertThat(placed.leader()).isEqualTo(CAROL);
        assertThat(placed.currentBidCents()).isEqualTo(cents("58.00"));
    }

    @Test
    void maximumThatMeetsTheReserveLiftsThePriceToTheReserve() {
        RulesScenario given = given(create().startingPrice("100.00").reserve("500.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(BOB).max("800.00")), BidPlaced.class);

        assertThat(placed.currentBidCents()).isEqualTo(cents("500.00"));
        assertThat(placed.reserveMet()).isTrue();
    }

    @Test
    void maximumBelowTheReserveLeavesThePriceAndTheReserveUnmet() {
        RulesScenario given = given(create().startingPrice("100.00").reserve("500.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(BOB).max("499.99")), BidPlaced.class);

        assertThat(placed.currentBidCents()).isEqualTo(cents("100.00"));
        assertThat(placed.reserveMet()).isFalse();
    }

    @Test
    void leaderRaisingTheirMaximumToTheReserveLiftsThePricePublicly() {
        RulesScenario given = given(
                create().startingPrice("100.00").reserve("500.00"),
                bid().by(BOB).max("200.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(BOB).max("600.00")), BidPlaced.class);

        assertThat(placed.currentBidCents()).isEqualTo(cents("500.00"));
        assertThat(placed.reserveMet()).isTrue();
        assertThat(placed.bidCount()).isEqualTo(2);
    }

    @Test
    void proxyPriceAboveTheReserveIsNotLoweredToIt() {
        RulesScenario given = given(
                create().startingPrice("100.00").reserve("120.00"),
                bid().by(BOB).max("150.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).max("400.00")), BidPlaced.class);

        assertThat(placed.currentBidCents()).isEqualTo(cents("155.00"));
    }
}
