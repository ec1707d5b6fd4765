package dev.gavel.processor.topology;

import static dev.gavel.events.ModerationAction.CANCEL;
import static dev.gavel.events.ModerationAction.END;
import static dev.gavel.events.ModerationAction.REMOVE_BIDDER;
import static dev.gavel.processor.fixtures.Commands.AUCTION_ID;
import static dev.gavel.processor.fixtures.Commands.DURING;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.buyNow;
import static dev.gavel.processor.fixtures.Commands.cancel;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Commands.moderate;
import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.fixtures.Users.MIA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionEvent.AuctionExtended;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.Role;
import dev.gavel.processor.fixtures.Commands.Builder;
import dev.gavel.processor.fixtures.Reasons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every outcome of a command through the real topology: which topic it reaches, and what it says there. */
class AuctionTopologyTest {

    private final EngineDriver engine = EngineDriver.live(T0);

    @AfterEach
    void closeDriver() {
        engine.close();
    }

    private void given(Builder<?>... commands) {
        for (Builder<?> command : commands) {
            engine.send(command);
        }
        engine.skipOutputs();
    }

    @Test
    void createdAuctionIsPublishedAsAnEventAndAsItsFirstSnapshot() {
        engine.send(create().startingPrice("25.00"));

        List<AuctionEvent> events = engine.events();
        assertThat(events).singleElement().isInstanceOf(AuctionCreated.class);
        AuctionView created = ((AuctionCreated) events.get(0)).auction();
        assertThat(engine.states()).containsExactly(KeyValue.pair(AUCTION_ID, created));
        assertThat(engine.notices()).isEmpty();
    }

    @Test
    void acceptedBidIsPublishedAndItsBidderNeedsNoPrivateNotice() {
        given(create());

        engine.send(bid().by(BOB).amount("12.00"));

        assertThat(engine.events()).singleElement().isInstanceOfSatisfying(BidPlaced.class, placed -> {
            assertThat(placed.leader()).isEqualTo(BOB);
            assertThat(placed.currentBidCents()).isEqualTo(cents("12.00"));
        });
        assertThat(engine.notices()).isEmpty();
    }

    @Test
    void snapshotAfterABidShowsTheStateAfterIt() {
        given(create().reserve("30.00"));

        engine.send(bid().by(BOB).max("50.00"));

        AuctionView view = engine.states().get(0).value;
        assertThat(view.currentBidCents()).isEqualTo(cents("30.00"));
        assertThat(view.leader()).isEqualTo(BOB);
        assertThat(view.reserveMet()).isTrue();
        assertThat(view.minimumNextBidCents()).isEqualTo(cents("32.00"));
        assertThat(view.seq()).isEqualTo(2);
    }

    /** One command rejected for each reason there is, with what must be true first. */
    record Rejection(List<Builder<?>> given, Builder<?> command, RejectionReason reason) {}

    static Stream<Named<Rejection>> rejections() {
        return Stream.of(
                rejection(List.of(), bid(), RejectionReason.AUCTION_NOT_FOUND),
                rejection(List.of(create()), bid().amount("10.00").at(ENDS_AT), RejectionReason.AUCTION_ENDED),
                rejection(List.of(create()), bid().amount("9.99"), RejectionReason.BID_TOO_LOW),
                rejection(List.of(create()), bid().by(ALICE).amount("10.00"), RejectionReason.SELF_BID),
                rejection(
                        List.of(create(), bid().by(BOB).amount("10.00")),
                        bid().by(BOB).amount("10.00"),
                        RejectionReason.ALREADY_LEADING),
                rejection(List.of(create()), bid().amount("0.00"), RejectionReason.INVALID_AMOUNT),
                rejection(List.of(), create().title(""), RejectionReason.INVALID_AUCTION),
                rejection(List.of(create()), create(), RejectionReason.AUCTION_EXISTS),
                rejection(List.of(create()), buyNow(), RejectionReason.BUY_NOW_UNAVAILABLE),
                rejection(List.of(create()), cancel().by(BOB), RejectionReason.NOT_SELLER),
                rejection(List.of(create(), bid().amount("10.00")), cancel(), RejectionReason.BIDS_PLACED),
                rejection(
                        List.of(create(), bid().id("bid-1").amount("10.00")),
                        bid().id("bid-1").amount("11.00"),
                        RejectionReason.DUPLICATE_COMMAND_ID),
                rejection(List.of(create()), moderate(END).by(CAROL, Role.SELLER), RejectionReason.NOT_MODERATOR),
                rejection(List.of(create()), moderate(REMOVE_BIDDER), RejectionReason.INVALID_MODERATION),
                rejection(
                        List.of(create(), moderate(REMOVE_BIDDER).bidder(BOB)),
                        bid().by(BOB).amount("10.00"),
                        RejectionReason.BIDDER_REMOVED),
                rejection(
                        List.of(create(), bid().by(BOB).amount("10.00")),
                        moderate(REMOVE_BIDDER).bidder(BOB),
                        RejectionReason.BIDDER_LEADS));
    }

    private static Named<Rejection> rejection(List<Builder<?>> given, Builder<?> command, RejectionReason reason) {
        return named(reason.name(), new Rejection(given, command, reason));
    }

    @Test
    void rejectionCasesCoverEveryReasonOfAuctions() {
        assertThat(rejections().map(named -> named.getPayload().reason()))
                .containsExactlyInAnyOrderElementsOf(Reasons.ofAuctions());
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void rejectionIsToldOnlyToItsIssuerOnBidRejections(Rejection rejection) {
        given(rejection.given().toArray(Builder<?>[]::new));
        AuctionCommand command = rejection.command().build();

        engine.send(command);

        assertThat(engine.notices()).singleElement().isInstanceOfSatisfying(CommandRejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(rejection.reason());
            assertThat(rejected.commandId()).isEqualTo(command.commandId());
        });
        assertThat(engine.events()).isEmpty();
        assertThat(engine.states()).isEmpty();
    }

    @Test
    void rejectedBidTellsTheBidderTheCurrentMinimum() {
        given(create(), bid().by(BOB).amount("100.00"));

        engine.send(bid().by(CAROL).amount("104.99"));

        BidderNotice notice = engine.notices().get(0);
        assertThat(notice.user()).isEqualTo(CAROL);
        assertThat(((CommandRejected) notice).minimumBidCents()).isEqualTo(cents("105.00"));
    }

    @Test
    void leaderRaisingTheirMaximumIsConfirmedPrivatelyAndChangesNothingPublic() {
        given(create(), bid().by(BOB).max("50.00"));

        engine.send(bid().by(BOB).max("90.00"));

        assertThat(engine.notices()).singleElement().isInstanceOfSatisfying(CommandConfirmed.class, confirmed -> {
            assertThat(confirmed.leading()).isTrue();
            assertThat(confirmed.maxAmountCents()).isEqualTo(cents("90.00"));
            assertThat(confirmed.repeated()).isFalse();
        });
        assertThat(engine.events()).isEmpty();
        assertThat(engine.states()).isEmpty();
    }

    @Test
    void buyNowEndsTheAuctionSoldOnEventsAndState() {
        given(create().buyNowPrice("80.00"));

        engine.send(buyNow().by(CAROL));

        assertThat(engine.events()).singleElement().isInstanceOfSatisfying(AuctionEnded.class, ended -> {
            assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
            assertThat(ended.winner()).isEqualTo(CAROL);
        });
        AuctionView view = engine.states().get(0).value;
        assertThat(view.status()).isEqualTo(AuctionStatus.ENDED);
        assertThat(view.finalPriceCents()).isEqualTo(cents("80.00"));
    }

    @Test
    void cancelEndsTheAuctionCancelledOnEventsAndState() {
        given(create());

        engine.send(cancel().by(ALICE));

        assertThat(engine.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        AuctionEnded.class, ended -> assertThat(ended.outcome()).isEqualTo(Outcome.CANCELLED));
        assertThat(engine.states().get(0).value.outcome()).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void moderatorEndingAnAuctionPublishesItsEndOnEventsAndState() {
        given(create(), bid().by(BOB).amount("12.00"));

        engine.send(moderate(END).by(MIA, Role.ADMIN));

        assertThat(engine.events()).singleElement().isInstanceOfSatisfying(AuctionEnded.class, ended -> {
            assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
            assertThat(ended.winner()).isEqualTo(BOB);
        });
        assertThat(engine.states().get(0).value.status()).isEqualTo(AuctionStatus.ENDED);
        assertThat(engine.notices()).isEmpty();
    }

    @Test
    void moderatorEndingAnAuctionCancelsItsScheduledClose() {
        given(create(), moderate(CANCEL));

        engine.advanceWallClockTo(ENDS_AT.plus(Duration.ofMinutes(1)));

        assertThat(engine.requestedCommands()).isEmpty();
        assertThat(engine.events()).isEmpty();
    }

    @Test
    void removalIsConfirmedOnlyToTheModeratorAndChangesNothingPublic() {
        given(create(), bid().by(BOB).amount("12.00"), bid().by(CAROL).amount("15.00"));

        engine.send(moderate(REMOVE_BIDDER).bidder(BOB));

        assertThat(engine.notices()).singleElement().isInstanceOfSatisfying(CommandConfirmed.class, confirmed -> {
            assertThat(confirmed.user()).isEqualTo(MIA);
            assertThat(confirmed.commandType()).isEqualTo("moderate-auction");
        });
        assertThat(engine.events()).isEmpty();
        assertThat(engine.states()).isEmpty();
    }

    @Test
    void removalIsKeptInTheAuctionsStore() {
        given(create(), moderate(REMOVE_BIDDER).bidder(BOB));

        assertThat(engine.auctionStore().get(AUCTION_ID).removedBidders()).containsExactly(BOB.id());
    }

    @Test
    void replayOfALogWithModeratorActionsPublishesExactlyTheLiveEventsAndNotices() {
        List<AuctionCommand> log = new ArrayList<>();
        List<AuctionCommand> users = List.of(
                create().build(),
                create().on("auction-2").build(),
                create().on("auction-3").build(),
                bid().by(BOB).amount("12.00").build(),
                bid().by(CAROL).amount("15.00").build(),
                moderate(REMOVE_BIDDER).bidder(BOB).build(),
                bid().by(BOB).amount("30.00").build(),
                moderate(REMOVE_BIDDER).bidder(CAROL).build(),
                moderate(END).by(CAROL, Role.SELLER).build(),
                bid().on("auction-2").by(BOB).amount("20.00").build(),
                moderate(END).on("auction-2").at(DURING.plusSeconds(1)).build(),
                bid().on("auction-3").by(CAROL).amount("20.00").build(),
                moderate(CANCEL).on("auction-3").by(MIA, Role.ADMIN).build());
        for (AuctionCommand command : users) {
            engine.send(command);
            log.add(command);
        }
        engine.advanceWallClockTo(ENDS_AT.plus(Duration.ofMinutes(1)));
        log.addAll(engine.requestedCommands());
        List<AuctionEvent> liveEvents = engine.events();
        List<BidderNotice> liveNotices = engine.notices();

        try (EngineDriver replay = new EngineDriver(EngineDriver.liveSettings().forReplay("replay-"), T0)) {
            log.forEach(replay::send);

            assertThat(liveEvents).extracting(AuctionEvent::eventType).contains("auction-ended");
            assertThat(liveNotices)
                    .filteredOn(CommandRejected.class::isInstance)
                    .extracting(notice -> ((CommandRejected) notice).reason())
                    .contains(
                            RejectionReason.BIDDER_REMOVED,
                            RejectionReason.BIDDER_LEADS,
                            RejectionReason.NOT_MODERATOR);
            assertThat(replay.events()).isEqualTo(liveEvents);
            assertThat(replay.notices()).isEqualTo(liveNotices);
        }
    }

    @Test
    void lateBidPublishesTheBidThenTheExtension() {
        given(create().softClose(Duration.ofSeconds(10)));

        engine.send(bid().amount("10.00").at(ENDS_AT.minusSeconds(2)));

        assertThat(engine.events())
                .hasExactlyElementsOfTypes(BidPlaced.class, AuctionExtended.class)
                .extracting(AuctionEvent::seq)
                .containsExactly(2L, 3L);
        assertThat(engine.states()).singleElement().satisfies(state -> {
            assertThat(state.value.seq()).isEqualTo(3);
            assertThat(state.value.endsAt()).isEqualTo(ENDS_AT.plusSeconds(8));
        });
    }

    @Test
    void seqIsContiguousPerAuctionAcrossEveryKindOfEvent() {
        engine.send(create().softClose(Duration.ofSeconds(10)));
        engine.send(create().on("auction-2"));
        engine.send(bid().by(BOB).amount("10.00"));
        engine.send(bid().on("auction-2").by(CAROL).amount("10.00"));
        engine.send(bid().by(CAROL).max("40.00").at(ENDS_AT.minusSeconds(1)));
        engine.send(bid().by(BOB).amount("20.00").at(ENDS_AT.plusSeconds(1)));
        engine.send(bid().by(BOB).amount("0.00"));
        engine.advanceWallClockTo(ENDS_AT.plus(Duration.ofMinutes(1)));

        List<AuctionEvent> events = engine.events();
        assertThat(events.stream().filter(event -> event.auctionId().equals(AUCTION_ID)))
                .extracting(AuctionEvent::seq)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events.stream().filter(event -> event.auctionId().equals("auction-2")))
                .extracting(AuctionEvent::seq)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void lastSnapshotOfEveryAuctionIsItsEventsFoldedOverItsCreation() {
        engine.send(create().softClose(Duration.ofSeconds(10)).reserve("30.00"));
        engine.send(bid().by(BOB).max("25.00"));
        engine.send(bid().by(CAROL).amount("26.00").at(ENDS_AT.minusSeconds(1)));
        engine.send(bid().by(BOB).max("60.00"));
        engine.advanceWallClockTo(ENDS_AT.plus(Duration.ofMinutes(1)));

        List<AuctionEvent> events = engine.events();
        AuctionView folded = ((AuctionCreated) events.get(0)).auction();
        for (AuctionEvent event : events.subList(1, events.size())) {
            folded = folded.apply(event);
        }
        List<KeyValue<String, AuctionView>> states = engine.states();
        assertThat(folded.status()).isEqualTo(AuctionStatus.ENDED);
        assertThat(states.get(states.size() - 1).value).isEqualTo(folded);
    }

    @Test
    void replayFollowsTheLogIntoPrefixedTopicsAndRequestsNoClose() {
        try (EngineDriver replay = new EngineDriver(EngineDriver.liveSettings().forReplay("replay-"), T0)) {
            replay.send(create());
            replay.advanceWallClockTo(ENDS_AT.plus(Duration.ofMinutes(5)));

            assertThat(replay.events()).singleElement().isInstanceOf(AuctionCreated.class);
            assertThat(replay.requestedCommands()).isEmpty();
        }
    }
}
