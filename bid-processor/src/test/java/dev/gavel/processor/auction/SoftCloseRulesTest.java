package dev.gavel.processor.auction;

import static dev.gavel.processor.auction.RulesScenario.given;
import static dev.gavel.processor.auction.RulesScenario.onlyEvent;
import static dev.gavel.processor.auction.RulesScenario.rejection;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent.AuctionExtended;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.AuctionMode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Standard auctions: a bid in the last window resets the time left to the window, within the extension cap. */
class SoftCloseRulesTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private static Instant beforeEnd(Duration left) {
        return ENDS_AT.minus(left);
    }

    @Test
    void bidWithLessThanTheWindowLeftResetsTheTimeLeftToTheWindow() {
        RulesScenario given = given(create().softClose(WINDOW));
        Instant at = beforeEnd(Duration.ofSeconds(3));

        Decision decision = given.when(bid().id("late").amount("10.00").at(at));

        assertThat(decision.events()).hasSize(2);
        BidPlaced placed = (BidPlaced) decision.events().get(0);
        AuctionExtended extended = (AuctionExtended) decision.events().get(1);
        assertThat(placed.endsAt()).isEqualTo(at.plus(WINDOW));
        assertThat(extended.endsAt()).isEqualTo(at.plus(WINDOW));
        assertThat(extended.previousEndsAt()).isEqualTo(ENDS_AT);
        assertThat(extended.at()).isEqualTo(at);
        assertThat(extended.commandId()).isEqualTo("late");
        assertThat(given.auction().endsAt()).isEqualTo(at.plus(WINDOW));
    }

    @Test
    void extensionFollowsItsBidInSeq() {
        RulesScenario given = given(create().softClose(WINDOW));

        Decision decision = given.when(bid().amount("10.00").at(beforeEnd(Duration.ofSeconds(1))));

        assertThat(decision.events()).extracting(event -> event.seq()).containsExactly(2L, 3L);
        assertThat(given.auction().seq()).isEqualTo(3);
    }

    @Test
    void bidWithExactlyTheWindowLeftDoesNotExtend() {
        RulesScenario given = given(create().softClose(WINDOW));

        Decision decision = given.when(bid().amount("10.00").at(beforeEnd(WINDOW)));

        assertThat(onlyEvent(decision, BidPlaced.class).endsAt()).isEqualTo(ENDS_AT);
    }

    @Test
    void bidWithMoreThanTheWindowLeftDoesNotExtend() {
        RulesScenario given = given(create().softClose(WINDOW));

        Decision decision = given.when(bid().amount("10.00").at(beforeEnd(Duration.ofSeconds(30))));

        assertThat(onlyEvent(decision, BidPlaced.class).endsAt()).isEqualTo(ENDS_AT);
    }

    @Test
    void everyLateBidResetsTheTimeLeftAgain() {
        Instant first = beforeEnd(Duration.ofSeconds(2));
        RulesScenario given =
                given(create().softClose(WINDOW), bid().by(BOB).amount("10.00").at(first));
        Instant second = first.plus(WINDOW).minusSeconds(1);

        Decision decision = given.when(bid().by(CAROL).amount("11.00").at(second));

        AuctionExtended extended = (AuctionExtended) decision.events().get(1);
        assertThat(extended.previousEndsAt()).isEqualTo(first.plus(WINDOW));
        assertThat(extended.endsAt()).isEqualTo(second.plus(WINDOW));
    }

    @Test
    void extensionIsCappedByTheMaximumExtensionFromTheOriginalEnd() {
        RulesScenario given = given(create().softClose(WINDOW).maxExtension(Duration.ofSeconds(4)));

        Decision decision = given.when(bid().amount("10.00").at(beforeEnd(Duration.ofSeconds(1))));

        AuctionExtended extended = (AuctionExtended) decision.events().get(1);
        assertThat(extended.endsAt()).isEqualTo(ENDS_AT.plusSeconds(4));
    }

    @Test
    void bidsNoLongerExtendOnceTheCapIsReached() {
        RulesScenario given = given(
                create().softClose(WINDOW).maxExtension(Duration.ofSeconds(4)),
                bid().by(BOB).amount("10.00").at(beforeEnd(Duration.ofSeconds(1))));

        Decision decision = given.when(bid().by(CAROL).amount("11.00").at(ENDS_AT.plusSeconds(3)));

        assertThat(onlyEvent(decision, BidPlaced.class).endsAt()).isEqualTo(ENDS_AT.plusSeconds(4));
    }

    @Test
    void extensionCapOfZeroNeverExtends() {
        RulesScenario given = given(create().softClose(WINDOW).maxExtension(Duration.ZERO));

        Decision decision = given.when(bid().amount("10.00").at(beforeEnd(Duration.ofSeconds(1))));

        assertThat(onlyEvent(decision, BidPlaced.class).endsAt()).isEqualTo(ENDS_AT);
    }

    @Test
    void suddenDeathNeverExtends() {
        RulesScenario given = given(create().mode(AuctionMode.SUDDEN_DEATH));

        Decision decision = given.when(bid().amount("10.00").at(beforeEnd(Duration.ofMillis(1))));

        assertThat(onlyEvent(decision, BidPlaced.class).endsAt()).isEqualTo(ENDS_AT);
    }

    @Test
    void softCloseOfZeroNeverExtends() {
        RulesScenario given = given(create().softClose(Duration.ZERO));

        Decision decision = given.when(bid().amount("10.00").at(beforeEnd(Duration.ofMillis(1))));

        assertThat(onlyEvent(decision, BidPlaced.class).endsAt()).isEqualTo(ENDS_AT);
    }

    @Test
    void rejectedBidNeverExtends() {
        RulesScenario given = given(create().softClose(WINDOW), bid().by(BOB).amount("20.00"));

        rejection(given.when(bid().by(CAROL).amount("20.00").at(beforeEnd(Duration.ofSeconds(1)))));

        assertThat(given.auction().endsAt()).isEqualTo(ENDS_AT);
    }

    @Test
    void leaderRaisingTheirMaximumLateDoesNotExtend() {
        RulesScenario given = given(create().softClose(WINDOW), bid().by(BOB).max("20.00"));

        Decision decision = given.when(bid().by(BOB).max("90.00").at(beforeEnd(Duration.ofSeconds(1))));

        assertThat(decision.events()).isEmpty();
        assertThat(given.auction().endsAt()).isEqualTo(ENDS_AT);
    }

    @Test
    void outbidChallengerStillExtendsBecauseTheirBidIsPublic() {
        RulesScenario given = given(create().softClose(WINDOW), bid().by(BOB).max("90.00"));
        Instant at = beforeEnd(Duration.ofSeconds(2));

        Decision decision = given.when(bid().by(CAROL).amount("20.00").at(at));

        assertThat(decision.events()).hasSize(2);
        assertThat(given.auction().endsAt()).isEqualTo(at.plus(WINDOW));
    }
}
