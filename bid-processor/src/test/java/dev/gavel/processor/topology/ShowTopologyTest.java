package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.cents;
import static dev.gavel.processor.fixtures.Users.ALICE;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.topology.EngineDriver.CLOSE_GRACE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.LotStatus;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowCommand.AddLot;
import dev.gavel.events.ShowCommand.CreateShow;
import dev.gavel.events.ShowCommand.LotAuctionEnded;
import dev.gavel.events.ShowCommand.PlacePreBid;
import dev.gavel.events.ShowCommand.RunLot;
import dev.gavel.events.ShowCommand.StartShow;
import dev.gavel.events.ShowEvent.LotEnded;
import dev.gavel.events.ShowEvent.LotStarted;
import dev.gavel.events.ShowNotice.ShowCommandConfirmed;
import dev.gavel.events.ShowNotice.ShowCommandRejected;
import dev.gavel.events.ShowView;
import dev.gavel.events.Topics;
import dev.gavel.events.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The show engine in the processor's real topology, with the auctions' engine beside it: a lot's run opens an
 * auction through the auctions' command log, and the auction's end comes back to the show through the show's.
 */
class ShowTopologyTest {

    private static final String SHOW = "spring-sale";
    private static final Instant RUN_AT = T0.plusSeconds(30);
    private static final Duration LOT_DURATION = Duration.ofSeconds(20);
    private static final String FIRST_RUN = SHOW + "_1_1";

    private final AtomicLong ids = new AtomicLong();
    private EngineDriver engine = EngineDriver.live(T0);

    @AfterEach
    void closeDriver() {
        engine.close();
    }

    @Test
    void runningALotOpensItsAuctionAndPlacesThePreBidsInTheOrderReceived() {
        givenALiveShowWithOneLot();
        engine.send(preBid(BOB, "30.00"));
        engine.send(preBid(CAROL, "20.00"));
        engine.skipOutputs();

        engine.send(runLot(1));

        List<AuctionCommand> appended = engine.requestedCommands();
        assertThat(appended).extracting(AuctionCommand::auctionId).containsOnly(FIRST_RUN);
        assertThat(appended).hasSize(3).first().isInstanceOf(CreateAuction.class);
        assertThat(appended.subList(1, 3))
                .allSatisfy(preBid -> assertThat(preBid).isInstanceOf(PlaceBid.class))
                .extracting(AuctionCommand::issuer)
                .containsExactly(BOB, CAROL);
        List<AuctionEvent> opened = engine.events();
        assertThat(opened.get(0)).isInstanceOf(AuctionCreated.class);
        // Bob's maximum was received first: Carol's lower one only raises him to one increment above it.
        assertThat(opened.get(opened.size() - 1)).isInstanceOfSatisfying(BidPlaced.class, last -> {
            assertThat(last.leader()).isEqualTo(BOB);
            assertThat(last.currentBidCents()).isEqualTo(2_100);
            assertThat(last.at()).isEqualTo(RUN_AT);
        });
        assertThat(engine.showEvents()).singleElement().isInstanceOfSatisfying(LotStarted.class, started -> {
            assertThat(started.auctionId()).isEqualTo(FIRST_RUN);
            assertThat(started.endsAt()).isEqualTo(RUN_AT.plus(LOT_DURATION));
            assertThat(started.preBids()).isEqualTo(2);
        });
    }

    @Test
    void theEndOfTheLotsAuctionEndsTheLotInTheShow() {
        givenALiveShowWithOneLot();
        engine.send(preBid(BOB, "30.00"));
        engine.send(runLot(1));
        engine.skipOutputs();

        engine.advanceWallClockTo(RUN_AT.plus(LOT_DURATION).plus(CLOSE_GRACE));

        assertThat(engine.requestedShowCommands())
                .singleElement()
                .isInstanceOfSatisfying(
                        LotAuctionEnded.class,
                        ended -> assertThat(ended.auctionId()).isEqualTo(FIRST_RUN));
        assertThat(engine.showEvents()).singleElement().isInstanceOfSatisfying(LotEnded.class, ended -> {
            assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
            assertThat(ended.winner()).isEqualTo(BOB);
            assertThat(ended.finalPriceCents()).isEqualTo(1_000);
        });
        ShowView show = lastState();
        assertThat(show.currentLotNo()).isNull();
        assertThat(show.lot(1).orElseThrow().status()).isEqualTo(LotStatus.SOLD);
    }

    @Test
    void anUnsoldLotRunsAgainAsANewAuction() {
        givenALiveShowWithOneLot();
        engine.send(runLot(1));
        engine.advanceWallClockTo(RUN_AT.plus(LOT_DURATION).plus(CLOSE_GRACE));
        engine.skipOutputs();

        engine.send(runLotAt(1, engine.wallClock()));

        assertThat(engine.showEvents())
                .singleElement()
                .isInstanceOfSatisfying(
                        LotStarted.class,
                        started -> assertThat(started.auctionId()).isEqualTo(SHOW + "_1_2"));
        assertThat(engine.events()).singleElement().isInstanceOf(AuctionCreated.class);
    }

    @Test
    void aBidOnTheRunningLotGoesToItsAuctionAndTheShowStaysOnIt() {
        givenALiveShowWithOneLot();
        engine.send(runLot(1));
        engine.skipOutputs();

        engine.send(bid().on(FIRST_RUN).by(CAROL).amount("12.00").at(RUN_AT.plusSeconds(1)));

        assertThat(engine.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        BidPlaced.class,
                        placed -> assertThat(placed.currentBidCents()).isEqualTo(1_200));
        assertThat(engine.showEvents()).isEmpty();
    }

    @Test
    void aRepeatedShowCommandGetsItsOriginalOutcomeAndOpensNothingTwice() {
        givenALiveShowWithOneLot();
        RunLot run = runLot(1);
        engine.send(run);
        engine.skipOutputs();

        engine.send(run);

        assertThat(engine.showNotices())
                .singleElement()
                .isInstanceOfSatisfying(
                        ShowCommandConfirmed.class,
                        again -> assertThat(again.repeated()).isTrue());
        assertThat(engine.showEvents()).isEmpty();
        assertThat(engine.requestedCommands()).isEmpty();
    }

    @Test
    void aCommandIdUsedAgainForAnotherCommandIsRefused() {
        givenALiveShowWithOneLot();
        RunLot run = runLot(1);
        engine.send(run);
        engine.skipOutputs();

        engine.send(new StartShow(run.commandId(), SHOW, RUN_AT, ALICE));

        assertThat(engine.showNotices())
                .singleElement()
                .isInstanceOfSatisfying(
                        ShowCommandRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.DUPLICATE_COMMAND_ID));
    }

    @Test
    void aPreBidIsToldOnlyToItsBidderAndItsAmountIsInNoPublicRecord() {
        givenALiveShowWithOneLot();

        engine.send(preBid(BOB, "345.67"));

        assertThat(engine.showNotices()).singleElement().isInstanceOfSatisfying(ShowCommandConfirmed.class, taken -> {
            assertThat(taken.user()).isEqualTo(BOB);
            assertThat(taken.maxAmountCents()).isEqualTo(34_567);
        });
        engine.send(runLot(1));
        String published = JsonSerde.MAPPER.writeValueAsString(List.of(engine.showEvents(), engine.showStates()));
        assertThat(published).doesNotContain("34567").doesNotContain("345.67");
    }

    @Test
    void aRefusalIsToldToTheIssuerAndChangesNothing() {
        givenALiveShowWithOneLot();
        engine.send(runLot(1));
        engine.skipOutputs();

        engine.send(new RunLot(nextId(), SHOW, RUN_AT.plusSeconds(1), BOB, 1, 20_000, null, null, null));

        assertThat(engine.showNotices()).singleElement().isInstanceOfSatisfying(ShowCommandRejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_HOST);
            assertThat(rejected.user()).isEqualTo(BOB);
        });
        assertThat(engine.showEvents()).isEmpty();
        assertThat(engine.showStates()).isEmpty();
        assertThat(engine.requestedCommands()).isEmpty();
    }

    @Test
    void aShowCommandUnderAnotherShowsKeyIsDeadLettered() {
        byte[] create = JsonSerde.showCommands().serialize(Topics.SHOW_COMMANDS, createShow());

        engine.sendRawShowCommand("another-show", create, T0);

        assertThat(engine.showDeadLetters())
                .singleElement()
                .satisfies(parked -> assertThat(new String(
                                parked.headers().lastHeader(Topics.ERROR_HEADER).value(), UTF_8))
                        .contains("is not the showId"));
        assertThat(engine.showEvents()).isEmpty();
    }

    @Test
    void anUnreadableShowCommandIsDeadLettered() {
        engine.sendRawShowCommand(SHOW, "{\"type\":\"run-lot\"".getBytes(UTF_8), T0);

        assertThat(engine.showDeadLetters()).hasSize(1);
        assertThat(engine.showEvents()).isEmpty();
    }

    @Test
    void aReplayFollowsBothLogsAndWritesToNeither() {
        engine.close();
        engine = new EngineDriver(EngineDriver.liveSettings().forReplay("replay."), T0);
        givenALiveShowWithOneLot();
        engine.skipOutputs();

        engine.send(runLot(1));

        assertThat(engine.showEvents()).singleElement().isInstanceOf(LotStarted.class);
        assertThat(engine.requestedCommands()).isEmpty();
    }

    private void givenALiveShowWithOneLot() {
        engine.send(createShow());
        engine.send(new AddLot(nextId(), SHOW, T0, ALICE, "Signed vinyl", "", 1_000, null, null));
        engine.send(new StartShow(nextId(), SHOW, T0.plusSeconds(1), ALICE));
    }

    private ShowView lastState() {
        List<ShowView> states = engine.showStates();
        return states.get(states.size() - 1);
    }

    private CreateShow createShow() {
        return new CreateShow(nextId(), SHOW, T0, ALICE, "Spring sale", T0.plusSeconds(60));
    }

    private PlacePreBid preBid(UserRef bidder, String max) {
        return new PlacePreBid(nextId(), SHOW, T0.plusSeconds(2), bidder, 1, cents(max));
    }

    private RunLot runLot(int lotNo) {
        return runLotAt(lotNo, RUN_AT);
    }

    private RunLot runLotAt(int lotNo, Instant at) {
        return new RunLot(nextId(), SHOW, at, ALICE, lotNo, LOT_DURATION.toMillis(), null, null, null);
    }

    private String nextId() {
        return "show-command-" + ids.incrementAndGet();
    }
}
