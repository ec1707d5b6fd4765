package dev.gavel.processor.topology;

import static dev.gavel.processor.fixtures.Commands.DURATION;
import static dev.gavel.processor.fixtures.Commands.ENDS_AT;
import static dev.gavel.processor.fixtures.Commands.T0;
import static dev.gavel.processor.fixtures.Commands.bid;
import static dev.gavel.processor.fixtures.Commands.create;
import static dev.gavel.processor.fixtures.Users.BOB;
import static dev.gavel.processor.fixtures.Users.CAROL;
import static dev.gavel.processor.topology.EngineDriver.CLOSE_GRACE;
import static dev.gavel.processor.topology.EngineDriver.GATEWAY_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.processor.fixtures.Commands.CreateBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Endings driven by the gateways' watermarks: an auction is closed as soon as every live gateway instance has said
 * that everything it received before the end is in the log, not a fixed grace after the end.
 */
class WatermarkEndingTopologyTest {

    /** Gateways announce themselves several times a second: the last time before the end they were heard. */
    private static final Instant BEFORE_END = ENDS_AT.minusMillis(100);

    /** A watermark this far ahead of gateway b's last is the timeout ahead of it. */
    private static final Instant TIMEOUT_AHEAD_OF_B =
            BEFORE_END.plus(GATEWAY_TIMEOUT).plusMillis(1);

    private final EngineDriver engine = EngineDriver.live(T0);

    @AfterEach
    void closeDriver() {
        engine.close();
    }

    /** An open auction, and two gateways heard from just before its end. */
    private void givenAnAuctionAndTwoGateways() {
        givenAnAuctionAndTwoGateways(create());
    }

    private void givenAnAuctionAndTwoGateways(CreateBuilder auction) {
        engine.send(auction);
        engine.advanceWallClockTo(BEFORE_END);
        engine.sendWatermark("gateway-a", BEFORE_END);
        engine.sendWatermark("gateway-b", BEFORE_END);
        engine.skipOutputs();
    }

    @Test
    void auctionIsClosedAsSoonAsTheSlowestGatewayHasPassedItsEnd() {
        givenAnAuctionAndTwoGateways();
        engine.advanceWallClockTo(ENDS_AT.plusMillis(10));

        engine.sendWatermark("gateway-a", ENDS_AT.plusMillis(8));
        boolean closedWhileBehind = !engine.requestedCommands().isEmpty();
        engine.sendWatermark("gateway-b", ENDS_AT.plusMillis(3));

        assertThat(closedWhileBehind).isFalse();
        assertThat(engine.requestedCommands())
                .singleElement()
                .isInstanceOfSatisfying(
                        CloseAuction.class,
                        close -> assertThat(close.receivedAt()).isEqualTo(ENDS_AT.plusMillis(3)));
        assertThat(engine.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        AuctionEnded.class, ended -> assertThat(ended.at()).isEqualTo(ENDS_AT));
    }

    @Test
    void endingComesLongBeforeTheGraceWhenTheGatewaysAreQuick() {
        givenAnAuctionAndTwoGateways();
        engine.advanceWallClockTo(ENDS_AT.plusMillis(5));

        engine.sendWatermark("gateway-a", ENDS_AT.plusMillis(2));
        engine.sendWatermark("gateway-b", ENDS_AT.plusMillis(4));

        assertThat(engine.wallClock()).isBefore(ENDS_AT.plus(CLOSE_GRACE));
        assertThat(engine.events()).singleElement().isInstanceOf(AuctionEnded.class);
    }

    @Test
    void bidReceivedBeforeTheEndButWrittenAfterAFastGatewaysWatermarkIsOnTime() {
        givenAnAuctionAndTwoGateways(create().softClose(Duration.ZERO));
        engine.advanceWallClockTo(ENDS_AT.plusMillis(150));
        engine.sendWatermark("gateway-a", ENDS_AT.plusMillis(140));

        // Gateway b received the bid 5 ms before the end; its producer was held back.
        engine.send(bid().by(CAROL).amount("12.00").at(ENDS_AT.minusMillis(5)));
        engine.sendWatermark("gateway-b", ENDS_AT.plusMillis(145));

        assertThat(engine.events())
                .satisfiesExactly(
                        bid -> assertThat(bid).isInstanceOf(BidPlaced.class),
                        ending -> assertThat(ending).isInstanceOfSatisfying(AuctionEnded.class, ended -> {
                            assertThat(ended.outcome()).isEqualTo(Outcome.SOLD);
                            assertThat(ended.winner()).isEqualTo(CAROL);
                        }));
    }

    @Test
    void gatewayThatWentSilentIsNoLongerWaitedForAfterTheTimeout() {
        givenAnAuctionAndTwoGateways();
        Instant bLastHeard = BEFORE_END;
        engine.advanceWallClockTo(ENDS_AT.plusMillis(20));
        engine.sendWatermark("gateway-a", ENDS_AT.plusMillis(15));
        boolean closedWhileWaitingForB = !engine.requestedCommands().isEmpty();

        engine.advanceWallClockTo(bLastHeard.plus(GATEWAY_TIMEOUT).plusMillis(100));

        assertThat(closedWhileWaitingForB).isFalse();
        assertThat(engine.requestedCommands()).singleElement().isInstanceOf(CloseAuction.class);
        assertThat(engine.events()).singleElement().isInstanceOf(AuctionEnded.class);
    }

    @Test
    void gatewayThatKeepsLaggingDelaysTheCloseNoLongerThanTheTimeout() {
        givenAnAuctionAndTwoGateways();
        // Gateway b keeps announcing, but a command it received before the end is still not written.
        boolean closedEarly = false;
        for (Instant at = ENDS_AT; at.isBefore(ENDS_AT.plus(GATEWAY_TIMEOUT)); at = at.plusMillis(250)) {
            engine.advanceWallClockTo(at);
            engine.sendWatermark("gateway-a", at);
            engine.sendWatermark("gateway-b", ENDS_AT.minusMillis(100));
            closedEarly |= !engine.requestedCommands().isEmpty();
        }

        engine.advanceWallClockTo(ENDS_AT.plus(GATEWAY_TIMEOUT).plusMillis(100));

        assertThat(closedEarly).isFalse();
        assertThat(engine.requestedCommands()).singleElement().isInstanceOf(CloseAuction.class);
    }

    @Test
    void softCloseExtensionIsClosedOnceTheGatewaysPassTheNewEnd() {
        engine.send(create().softClose(Duration.ofSeconds(10)));
        engine.advanceWallClockTo(BEFORE_END);
        engine.sendWatermark("gateway-a", BEFORE_END);
        engine.send(bid().by(BOB).amount("10.00").at(ENDS_AT.minusSeconds(1)));
        Instant newEnd = ENDS_AT.plusSeconds(9);
        engine.skipOutputs();

        engine.advanceWallClockTo(ENDS_AT.plusMillis(10));
        engine.sendWatermark("gateway-a", ENDS_AT.plusMillis(10));
        boolean closedAtTheOldEnd = !engine.requestedCommands().isEmpty();
        engine.advanceWallClockTo(newEnd.plusMillis(10));
        engine.sendWatermark("gateway-a", newEnd.plusMillis(10));

        assertThat(closedAtTheOldEnd).isFalse();
        assertThat(engine.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        AuctionEnded.class, ended -> assertThat(ended.at()).isEqualTo(newEnd));
    }

    @Test
    void gatewayTheTimeoutBehindTheOthersIsNoLongerWaitedForWithoutWaitingForTheWallClock() {
        givenAnAuctionAndTwoGateways();
        engine.advanceWallClockTo(TIMEOUT_AHEAD_OF_B);

        engine.sendWatermark("gateway-a", TIMEOUT_AHEAD_OF_B);

        assertThat(engine.wallClock()).isBefore(ENDS_AT.plus(GATEWAY_TIMEOUT));
        assertThat(engine.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        AuctionEnded.class, ended -> assertThat(ended.at()).isEqualTo(ENDS_AT));
    }

    @Test
    void bidOfAGatewayNoLongerWaitedForWrittenAfterTheCloseIsTooLate() {
        givenAnAuctionAndTwoGateways();
        engine.advanceWallClockTo(TIMEOUT_AHEAD_OF_B);
        engine.sendWatermark("gateway-a", TIMEOUT_AHEAD_OF_B);
        engine.skipOutputs();

        engine.send(bid().by(CAROL).amount("12.00").at(ENDS_AT.minusMillis(5)));

        assertThat(engine.events()).isEmpty();
        assertThat(engine.notices())
                .singleElement()
                .isInstanceOfSatisfying(
                        CommandRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.AUCTION_ENDED));
    }

    @Test
    void replayClosesOnTheSameWatermarksAsTheLiveEngine() {
        List<AuctionCommand> inputs = List.of(
                create().softClose(Duration.ZERO).build(),
                create().on("auction-2").duration(DURATION.plusSeconds(30)).build(),
                watermark("gateway-a", BEFORE_END),
                watermark("gateway-b", BEFORE_END),
                bid().by(BOB).amount("10.00").at(ENDS_AT.minusSeconds(1)).build(),
                watermark("gateway-a", ENDS_AT.plusMillis(5)),
                // Gateway b falls silent: the close comes once a is the timeout ahead of it; b's in-time bid is late.
                watermark("gateway-a", TIMEOUT_AHEAD_OF_B),
                bid().by(CAROL).amount("12.00").at(ENDS_AT.minusMillis(5)).build(),
                watermark("gateway-c", TIMEOUT_AHEAD_OF_B),
                bid().on("auction-2")
                        .by(CAROL)
                        .amount("12.00")
                        .at(TIMEOUT_AHEAD_OF_B)
                        .build(),
                watermark("gateway-a", ENDS_AT.plusSeconds(30)),
                watermark("gateway-c", ENDS_AT.plusSeconds(30)));
        // The log as a broker holds it: each input, then the closes the engine appended while reading it.
        List<AuctionCommand> log = new ArrayList<>();
        for (AuctionCommand command : inputs) {
            log.add(command);
            engine.send(keyOf(command), command);
            log.addAll(engine.requestedCommands());
        }
        List<AuctionEvent> liveEvents = engine.events();
        List<BidderNotice> liveNotices = engine.notices();

        try (EngineDriver replay = new EngineDriver(EngineDriver.liveSettings().forReplay("replay-"), T0)) {
            log.forEach(command -> replay.send(keyOf(command), command));

            assertThat(liveEvents)
                    .filteredOn(AuctionEnded.class::isInstance)
                    .extracting(AuctionEvent::auctionId)
                    .containsExactly("auction-1", "auction-2");
            assertThat(liveNotices).hasAtLeastOneElementOfType(CommandRejected.class);
            assertThat(replay.events()).isEqualTo(liveEvents);
            assertThat(replay.notices()).isEqualTo(liveNotices);
        }
    }

    private static AuctionCommand watermark(String gatewayId, Instant receivedBefore) {
        return new AuctionCommand.GatewayWatermark("watermark:" + gatewayId, gatewayId, receivedBefore);
    }

    private static String keyOf(AuctionCommand command) {
        return command instanceof AuctionCommand.GatewayWatermark watermark
                ? watermark.gatewayId()
                : command.auctionId();
    }

    @Test
    void watermarkUnderAnotherKeyIsDeadLettered() {
        engine.send("someone-else", new AuctionCommand.GatewayWatermark("watermark:x", "gateway-a", ENDS_AT));

        assertThat(engine.deadLetters()).hasSize(1);
        assertThat(engine.events()).isEmpty();
    }
}
