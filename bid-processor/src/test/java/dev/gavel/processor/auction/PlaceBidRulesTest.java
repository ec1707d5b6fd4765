package dev.gavel.processor.auction;

import static dev.gavel.processor.auction.RulesScenario.given;
import static dev.gavel.processor.auction.RulesScenario.onlyEvent;
import static dev.gavel.processor.auction.RulesScenario.rejection;
import static dev.gavel.processor.fixtures.Commands.DURING;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.RejectionReason;
import dev.gavel.processor.fixtures.Commands.BidBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Plain bids, the increment table and the rejections of a bid. Proxy bids have their own test. */
class PlaceBidRulesTest {

    @Test
    void firstBidMayEqualTheStartingPrice() {
        RulesScenario given = given(create().startingPrice("100.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(BOB).amount("100.00")), BidPlaced.class);

        assertThat(placed.currentBidCents()).isEqualTo(cents("100.00"));
        assertThat(placed.leader()).isEqualTo(BOB);
        assertThat(placed.bidCount()).isEqualTo(1);
    }

    @Test
    void firstBidBelowTheStartingPriceIsRejected() {
        RulesScenario given = given(create().startingPrice("100.00"));

        CommandRejected rejected = rejection(given.when(bid().amount("99.99")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.BID_TOO_LOW);
        assertThat(rejected.minimumBidCents()).isEqualTo(cents("100.00"));
    }

    @Test
    void plainBidAboveTheMinimumSetsThePriceToItsAmount() {
        RulesScenario given = given(create().startingPrice("100.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(BOB).amount("180.00")), BidPlaced.class);

        assertThat(placed.amountCents()).isEqualTo(cents("180.00"));
        assertThat(placed.currentBidCents()).isEqualTo(cents("180.00"));
        assertThat(placed.minimumNextBidCents()).isEqualTo(cents("185.00"));
    }

    @Test
    void bidBelowTheMinimumIncrementIsRejected() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).amount("100.00"));

        CommandRejected rejected = rejection(given.when(bid().by(CAROL).amount("104.99")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.BID_TOO_LOW);
        assertThat(rejected.minimumBidCents()).isEqualTo(cents("105.00"));
    }

    @Test
    void bidOfExactlyOneIncrementAboveTheCurrentBidIsAccepted() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).amount("100.00"));

        BidPlaced placed = onlyEvent(given.when(bid().by(CAROL).amount("105.00")), BidPlaced.class);

        assertThat(placed.leader()).isEqualTo(CAROL);
        assertThat(placed.currentBidCents()).isEqualTo(cents("105.00"));
        assertThat(placed.bidCount()).isEqualTo(2);
    }

    @Test
    void proxyBidWhoseMaximumIsBelowTheMinimumIsRejected() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).amount("100.00"));

        CommandRejected rejected = rejection(given.when(bid().by(CAROL).max("104.99")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.BID_TOO_LOW);
    }

    @Test
    void bidWhoseAmountIsBelowTheMinimumIsRejectedEvenWithAHighMaximum() {
        RulesScenario given =
                given(create().startingPrice("100.00"), bid().by(BOB).amount("100.00"));

        CommandRejected rejected =
                rejection(given.when(bid().by(CAROL).amount("101.00").max("500.00")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.BID_TOO_LOW);
    }

    /**
     * The current price, and the lowest next bid under the increment table: below 1.00 bids rise by 0.05; from 1 by 1;
     * from 30 by 2; from 50 by 3; from 100 by 5; from 300 by 10; from 1000 by 20; from 2000 by 50.
     */
    @ParameterizedTest(name = "at {0} the next bid is at least {1}")
    @CsvSource({
        "0.01, 0.06",
        "0.95, 1.00",
        "0.99, 1.04",
        "1.00, 2.00",
        "29.99, 30.99",
        "30.00, 32.00",
        "49.99, 51.99",
        "50.00, 53.00",
        "99.99, 102.99",
        "100.00, 105.00",
        "299.99, 304.99",
        "300.00, 310.00",
        "999.99, 1009.99",
        "1000.00, 1020.00",
        "1999.99, 2019.99",
        "2000.00, 2050.00",
        "1000000000.00, 1000000050.00"
    })
    void nextMinimumIsTheCurrentBidPlusTheIncrementOfItsBand(String current, String minimum) {
        RulesScenario given = given(create().startingPrice(current));

        BidPlaced placed = onlyEvent(given.when(bid().amount(current)), BidPlaced.class);

        assertThat(placed.minimumNextBidCents()).isEqualTo(cents(minimum));
    }

    @Test
    void sellerCannotBidOnTheirOwnAuction() {
        RulesScenario given = given(create().by(ALICE));

        CommandRejected rejected = rejection(given.when(bid().by(ALICE).amount("10.00")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.SELF_BID);
        assertThat(rejected.minimumBidCents()).isEqualTo(cents("10.00"));
    }

    @Test
    void bidOnAnUnknownAuctionIsRejectedAsNotFound() {
        RulesScenario given = given();

        CommandRejected rejected = rejection(given.when(bid().amount("10.00")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_NOT_FOUND);
        assertThat(rejected.minimumBidCents()).isNull();
    }

    static Stream<Named<BidBuilder>> invalidAmounts() {
        return Stream.of(
                named("neither amount nor maximum", bid()),
                named("amount of zero", bid().amount("0.00")),
                named("negative amount", bid().amount("-10.00")),
                named("maximum of zero", bid().max("0.00")),
                named("amount above 1e9", bid().amount("1000000000.01")),
                named("maximum above 1e9", bid().max("1000000000.01")),
                named("amount above its own maximum", bid().amount("50.00").max("40.00")));
    }

    @ParameterizedTest
    @MethodSource("invalidAmounts")
    void bidWithAnInvalidAmountIsRejectedWithTheMinimum(BidBuilder bid) {
        RulesScenario given = given(create());

        CommandRejected rejected = rejection(given.when(bid.by(BOB)));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_AMOUNT);
        assertThat(rejected.minimumBidCents()).isEqualTo(cents("10.00"));
    }

    @Test
    void leaderBiddingAgainWithinTheirOwnMaximumIsRejectedAsAlreadyLeading() {
        RulesScenario given = given(create(), bid().by(BOB).amount("10.00").max("50.00"));

        CommandRejected rejected = rejection(given.when(bid().by(BOB).amount("50.00")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.ALREADY_LEADING);
        assertThat(rejected.minimumBidCents()).isEqualTo(cents("11.00"));
    }

    @Test
    void leaderRepeatingAPlainBidIsRejectedAsAlreadyLeading() {
        RulesScenario given = given(create(), bid().by(BOB).amount("20.00"));

        CommandRejected rejected = rejection(given.when(bid().by(BOB).amount("20.00")));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.ALREADY_LEADING);
    }

    @Test
    void rejectionAnswersTheIssuerAboutTheirCommand() {
        RulesScenario given = given(create());

        CommandRejected rejected =
                rejection(given.when(bid().id("bid-7").by(CAROL).amount("1.00").at(DURING)));

        assertThat(rejected.commandId()).isEqualTo("bid-7");
        assertThat(rejected.commandType()).isEqualTo("place-bid");
        assertThat(rejected.user()).isEqualTo(CAROL);
        assertThat(rejected.at()).isEqualTo(DURING);
        assertThat(rejected.message()).isNotBlank();
    }

    @Test
    void acceptedBidIsConfirmedToTheBidderWithTheSeqOfItsEvent() {
        RulesScenario given = given(create());

        Decision decision = given.when(bid().by(BOB).amount("12.00"));

        assertThat(decision.replyIsPrivate()).isFalse();
        assertThat(decision.reply()).isInstanceOf(CommandConfirmed.class);
        CommandConfirmed confirmed = (CommandConfirmed) decision.reply();
        assertThat(confirmed.leading()).isTrue();
        assertThat(confirmed.repeated()).isFalse();
        assertThat(confirmed.seq()).isEqualTo(decision.events().get(0).seq());
    }

    @Test
    void bidPlacedRecordsTheBidAndTheStateAfterIt() {
        RulesScenario given = given(create());

        BidPlaced placed =
                onlyEvent(given.when(bid().id("bid-1").by(BOB).amount("12.00").at(DURING)), BidPlaced.class);

        assertThat(placed.seq()).isEqualTo(2);
        assertThat(placed.at()).isEqualTo(DURING);
        assertThat(placed.commandId()).isEqualTo("bid-1");
        assertThat(placed.bidder()).isEqualTo(BOB);
        assertThat(placed.reserveMet()).isTrue();
        assertThat(placed.endsAt()).isEqualTo(ENDS_AT);
    }
}
