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
import static dev.gavel.processor.fixtures.Commands.expire;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.processor.fixtures.Commands.Builder;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The end of an auction: the close the processor requests, and what an ended auction still accepts. */
class CloseAuctionRulesTest {

    private static final Instant AFTER_GRACE = ENDS_AT.plusMillis(250);

    @Test
    void closeWithoutBidsEndsUnsold() {
        RulesScenario given = given(create());

        AuctionEnded ended = onlyEvent(given.when(close().at(AFTER_GRACE)), AuctionEnded.class);

        assertThat(ended.outcome()).isEqualTo(Outcome.UNSOLD);
        assertThat(ended.winner()).isNull();
        assertThat(ended.finalPriceCents()).isNull();
        assertThat(ended.bidCount()).isZero();
    }

    @Test
    void closeSellsToTheLeaderAtTheCurrentBid() {
        RulesScenario given = given(
                create().reserve("20.00"),
                bid().by(BOB).max("30.00"),
                bid().by(CAROL).amount("25.00"));

        AuctionEnded ended = onlyEvent(given.when(close().at(AFTER_GRACE)), AuctionEnded.class);

        assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
        assertThat(ended.winner()).isEqualTo(BOB);
        assertThat(ended.finalPriceCents()).isEqualTo(cents("26.00"));
        assertThat(ended.bidCount()).isEqualTo(2);
    }

    @Test
    void closeWithBidsBelowTheReserveEndsWithTheReserveNotMet() {
        RulesScenario given = given(create().reserve("50.00"), bid().by(BOB).max("49.99"));

        AuctionEnded ended = onlyEvent(given.when(close().at(AFTER_GRACE)), AuctionEnded.class);

        assertThat(ended.outcome()).isEqualTo(Outcome.RESERVE_NOT_MET);
        assertThat(ended.winner()).isNull();
        assertThat(ended.finalPriceCents()).isNull();
    }

    @Test
    void auctionEndsAtItsEndNotWhenTheCloseIsRead() {
        RulesScenario given = given(create());

        AuctionEnded ended = onlyEvent(given.when(close().id("close-1").at(AFTER_GRACE)), AuctionEnded.class);

        assertThat(ended.at()).isEqualTo(ENDS_AT);
        assertThat(ended.commandId()).isEqualTo("close-1");
        assertThat(given.auction().endedAt()).isEqualTo(ENDS_AT);
    }

    @Test
    void closeRequestedAtTheEndItselfEndsTheAuction() {
        RulesScenario given = given(create());

        Decision decision = given.when(close().at(ENDS_AT));

        onlyEvent(decision, AuctionEnded.class);
    }

    @Test
    void closeRequestedBeforeTheEndChangesNothing() {
        RulesScenario given = given(create());

        Decision decision = given.when(close().at(ENDS_AT.minusMillis(1)));

        assertThat(decision.events()).isEmpty();
        assertThat(decision.reply()).isNull();
        assertThat(given.auction().status()).isEqualTo(AuctionStatus.OPEN);
    }

    @Test
    void closeRequestedBeforeALateBidMovedTheEndIsStale() {
        RulesScenario given = given(
                create().softClose(Duration.ofSeconds(10)),
                bid().by(BOB).amount("10.00").at(ENDS_AT.minusSeconds(1)));

        Decision decision = given.when(close().at(AFTER_GRACE));

        assertThat(decision.events()).isEmpty();
        assertThat(given.auction().status()).isEqualTo(AuctionStatus.OPEN);
    }

    @Test
    void closeOfTheMovedEndSellsAtThatEnd() {
        Instant lateBid = ENDS_AT.minusSeconds(1);
        RulesScenario given = given(
                create().softClose(Duration.ofSeconds(10)),
                bid().by(BOB).amount("10.00").at(lateBid),
                close().at(AFTER_GRACE));

        AuctionEnded ended = onlyEvent(given.when(close().at(lateBid.plusSeconds(11))), AuctionEnded.class);

        assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
        assertThat(ended.at()).isEqualTo(lateBid.plusSeconds(10));
    }

    @Test
    void secondCloseOfAnEndedAuctionChangesNothing() {
        RulesScenario given = given(create(), close().at(AFTER_GRACE));

        Decision decision = given.when(close().at(AFTER_GRACE.plusSeconds(1)));

        assertThat(decision.events()).isEmpty();
    }

    @Test
    void closeOfAnUnknownAuctionChangesNothing() {
        RulesScenario given = given();

        Decision decision = given.when(close().at(AFTER_GRACE));

        assertThat(decision.events()).isEmpty();
        assertThat(decision.auction()).isNull();
    }

    /** Each received before the end, but read after the close. */
    static Stream<Named<Builder<?>>> laterCommands() {
        Instant beforeEnd = ENDS_AT.minusSeconds(1);
        return Stream.of(
                named("bid", bid().by(CAROL).amount("100.00").at(beforeEnd)),
                named("buy-now", buyNow().by(CAROL).at(beforeEnd)),
                named("cancel", cancel().at(beforeEnd)));
    }

    @ParameterizedTest
    @MethodSource("laterCommands")
    void endedAuctionAcceptsNothingMore(Builder<?> command) {
        RulesScenario given = given(create().buyNowPrice("500.00"), close().at(AFTER_GRACE));

        assertThat(rejection(given.when(command)).reason()).isEqualTo(RejectionReason.AUCTION_ENDED);
    }

    @Test
    void expiryDropsAnEndedAuction() {
        RulesScenario given = given(create(), close().at(AFTER_GRACE));

        Decision decision = given.when(expire().at(AFTER_GRACE.plus(Duration.ofHours(24))));

        assertThat(decision.auction()).isNull();
        assertThat(decision.events()).isEmpty();
    }

    @Test
    void expiryOfAnOpenAuctionChangesNothing() {
        RulesScenario given = given(create());
        Auction open = given.auction();

        Decision decision = given.when(expire().at(AFTER_GRACE));

        assertThat(decision.auction()).isSameAs(open);
    }
}
