package dev.gavel.processor.auction;

import static dev.gavel.processor.auction.RulesScenario.given;
import static dev.gavel.processor.auction.RulesScenario.onlyEvent;
import static dev.gavel.processor.auction.RulesScenario.rejection;
import static dev.gavel.processor.fixtures.Commands.AUCTION_ID;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.cancel;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.RejectionReason;
import dev.gavel.processor.fixtures.Commands.CreateBuilder;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreateAuctionRulesTest {

    @Test
    void validAuctionOpensAtSeqOneAndEndsAfterItsDuration() {
        RulesScenario given = given();

        Decision decision = given.when(create().at(T0).startingPrice("25.00"));

        AuctionView auction = onlyEvent(decision, AuctionCreated.class).auction();
        assertThat(auction.id()).isEqualTo(AUCTION_ID);
        assertThat(auction.seller()).isEqualTo(ALICE);
        assertThat(auction.status()).isEqualTo(AuctionStatus.OPEN);
        assertThat(auction.seq()).isEqualTo(1);
        assertThat(auction.createdAt()).isEqualTo(T0);
        assertThat(auction.endsAt()).isEqualTo(ENDS_AT);
        assertThat(auction.bidCount()).isZero();
        assertThat(auction.currentBidCents()).isNull();
        assertThat(auction.minimumNextBidCents()).isEqualTo(cents("25.00"));
    }

    @Test
    void createdEventIsSeqOneAndRecordsTheCommand() {
        RulesScenario given = given();

        AuctionCreated created = onlyEvent(given.when(create().id("create-1")), AuctionCreated.class);

        assertThat(created.seq()).isEqualTo(1);
        assertThat(created.at()).isEqualTo(T0);
        assertThat(created.commandId()).isEqualTo("create-1");
    }

    @Test
    void createdAuctionTellsThatAReserveExistsButNotItsPrice() {
        RulesScenario given = given();

        AuctionView auction = onlyEvent(given.when(create().reserve("500.00")), AuctionCreated.class)
                .auction();

        assertThat(auction.hasReserve()).isTrue();
        assertThat(auction.reserveMet()).isFalse();
        assertThat(given.auction().reservePriceCents()).isEqualTo(cents("500.00"));
    }

    @Test
    void auctionWithoutReserveHasItsReserveMetFromTheStart() {
        RulesScenario given = given();

        AuctionView auction =
                onlyEvent(given.when(create()), AuctionCreated.class).auction();

        assertThat(auction.hasReserve()).isFalse();
        assertThat(auction.reserveMet()).isTrue();
    }

    @Test
    void modeDefaultsToStandardWithATenSecondSoftClose() {
        RulesScenario given = given();

        AuctionView auction = onlyEvent(given.when(create().mode(null).softClose(null)), AuctionCreated.class)
                .auction();

        assertThat(auction.mode()).isEqualTo(AuctionMode.STANDARD);
        assertThat(auction.softCloseMs()).isEqualTo(10_000);
    }

    @Test
    void softCloseOfZeroMeansNoSoftClose() {
        RulesScenario given = given();

        AuctionView auction = onlyEvent(given.when(create().softClose(Duration.ZERO)), AuctionCreated.class)
                .auction();

        assertThat(auction.softCloseMs()).isZero();
    }

    @Test
    void suddenDeathAuctionHasNoSoftClose() {
        RulesScenario given = given();

        AuctionView auction = onlyEvent(given.when(create().mode(AuctionMode.SUDDEN_DEATH)), AuctionCreated.class)
                .auction();

        assertThat(auction.mode()).isEqualTo(AuctionMode.SUDDEN_DEATH);
        assertThat(auction.softCloseMs()).isZero();
    }

    @Test
    void secondAuctionWithTheSameIdIsRejectedAsExisting() {
        RulesScenario given = given(create());

        CommandRejected rejected = rejection(given.when(create().by(ALICE)));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_EXISTS);
    }

    @Test
    void idOfAnEndedAuctionCannotBeReused() {
        RulesScenario given = given(create(), cancel());

        CommandRejected rejected = rejection(given.when(create()));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_EXISTS);
    }

    @Test
    void rejectedCreateLeavesNoAuction() {
        RulesScenario given = given();

        given.when(create().startingPrice("0.00"));

        assertThat(rejection(given.when(bid())).reason()).isEqualTo(RejectionReason.AUCTION_NOT_FOUND);
    }

    static Stream<Arguments> outOfBounds() {
        String longTitle = "x".repeat(201);
        return Stream.of(
                outOfBounds("no title", create().title(null), "title"),
                outOfBounds("blank title", create().title("   "), "title"),
                outOfBounds("title of 201 characters", create().title(longTitle), "title"),
                outOfBounds("description of 5001 characters", create().description("d".repeat(5_001)), "description"),
                outOfBounds("starting price 0.00", create().startingPrice("0.00"), "startingPrice"),
                outOfBounds("starting price above 1e9", create().startingPrice("1000000000.01"), "startingPrice"),
                outOfBounds("duration under 5 s", create().duration(Duration.ofMillis(4_999)), "durationMs"),
                outOfBounds(
                        "duration over 7 days",
                        create().duration(Duration.ofDays(7).plusMillis(1)),
                        "durationMs"),
                outOfBounds(
                        "reserve below start", create().startingPrice("10.00").reserve("9.99"), "reservePrice"),
                outOfBounds(
                        "buy-now equal to start",
                        create().startingPrice("10.00").buyNowPrice("10.00"),
                        "buyNowPrice"),
                outOfBounds(
                        "buy-now below reserve",
                        create().reserve("50.00").buyNowPrice("40.00"),
                        "buyNowPrice must be at least reservePrice"),
                outOfBounds(
                        "soft close in sudden death",
                        create().mode(AuctionMode.SUDDEN_DEATH).softClose(Duration.ofSeconds(5)),
                        "softCloseMs"),
                outOfBounds("soft close under 1 s", create().softClose(Duration.ofMillis(999)), "softCloseMs"),
                outOfBounds(
                        "soft close over 10 min",
                        create().softClose(Duration.ofMinutes(10).plusMillis(1)),
                        "softCloseMs"),
                outOfBounds("negative extension cap", create().maxExtension(Duration.ofMillis(-1)), "maxExtensionMs"));
    }

    private static Arguments outOfBounds(String name, CreateBuilder create, String messagePart) {
        return Arguments.of(named(name, create), messagePart);
    }

    @ParameterizedTest
    @MethodSource("outOfBounds")
    void auctionOutsideTheBoundsIsRejectedAsInvalidNamingTheField(CreateBuilder create, String field) {
        RulesScenario given = given();

        CommandRejected rejected = rejection(given.when(create));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_AUCTION);
        assertThat(rejected.message()).contains(field);
        assertThat(rejected.minimumBidCents()).isNull();
    }

    static Stream<Named<CreateBuilder>> atTheBounds() {
        return Stream.of(
                named(
                        "title of 200 and description of 5000 characters",
                        create().title("t".repeat(200)).description("d".repeat(5_000))),
                named("no description", create().description(null)),
                named("starting price 0.01", create().startingPrice("0.01")),
                named("starting price 1e9", create().startingPrice("1000000000.00")),
                named("duration 5 s", create().duration(Duration.ofSeconds(5))),
                named("duration 7 days", create().duration(Duration.ofDays(7))),
                named("reserve equal to start", create().startingPrice("10.00").reserve("10.00")),
                named(
                        "buy-now one cent above start",
                        create().startingPrice("10.00").buyNowPrice("10.01")),
                named("buy-now equal to reserve", create().reserve("50.00").buyNowPrice("50.00")),
                named("soft close of 1 s", create().softClose(Duration.ofSeconds(1))),
                named("soft close of 10 min", create().softClose(Duration.ofMinutes(10))),
                named("no extension allowed", create().maxExtension(Duration.ZERO)));
    }

    @ParameterizedTest
    @MethodSource("atTheBounds")
    void auctionAtTheBoundsIsAccepted(CreateBuilder create) {
        RulesScenario given = given();

        Decision decision = given.when(create);

        onlyEvent(decision, AuctionCreated.class);
    }
}
