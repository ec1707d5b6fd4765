package dev.gavel.gateway.command;

import static dev.gavel.gateway.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.Topics;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import dev.gavel.kafka.logging.CommandLogContext;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class CommandServiceTest {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final String COMMAND_ID = "cmd-bob-1";

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, AuctionCommand> kafka = mock(KafkaTemplate.class);

    private final CompletableFuture<SendResult<String, AuctionCommand>> sending = new CompletableFuture<>();
    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Receipts receipts = new Receipts(clock);

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, ShowCommand> showKafka = mock(KafkaTemplate.class);

    private final CommandService service = new CommandService(kafka, showKafka, receipts, REPLY_TIMEOUT, clock, meters);
    private final AuctionHistory lamp = AuctionHistory.open("lamp");

    @BeforeEach
    void kafkaAcceptsSends() {
        when(kafka.send(anyString(), anyString(), any())).thenReturn(sending);
    }

    /** The command as the gateway received it now: with its receipt taken, as {@link CommandGateway} does. */
    private AuctionCommand.PlaceBid received(AuctionCommand.PlaceBid bid) {
        Instant at = receipts.receive();
        return new AuctionCommand.PlaceBid(
                bid.commandId(), bid.auctionId(), at, bid.bidder(), bid.amountCents(), bid.maxAmountCents());
    }

    private AuctionCommand.PlaceBid bobsBid() {
        return new AuctionCommand.PlaceBid(COMMAND_ID, lamp.auctionId(), Times.NOW, BOB, 11_00L, null);
    }

    /** The public event Bob's bid caused. */
    private AuctionEvent.BidPlaced bobsBidPlaced() {
        return lamp.bid(BOB, 11_00, BOB, COMMAND_ID);
    }

    private BidderNotice.CommandRejected rejection(String commandId) {
        return new BidderNotice.CommandRejected(
                commandId,
                lamp.auctionId(),
                "place-bid",
                BOB,
                Times.NOW,
                RejectionReason.BID_TOO_LOW,
                "the minimum bid is 11.00",
                11_00L);
    }

    private BidderNotice.CommandConfirmed confirmation(String commandId) {
        return new BidderNotice.CommandConfirmed(
                commandId, lamp.auctionId(), "place-bid", BOB, Times.NOW, 11_00L, 20_00L, 11_00L, true, false, null);
    }

    /** The feed reads an outcome: a public event, with the auction after it. */
    private void read(AuctionEvent event) {
        service.complete(event.commandId(), new CommandOutcome.Accepted(event, lamp.view()));
    }

    private void read(BidderNotice.CommandRejected rejected) {
        service.complete(rejected.commandId(), new CommandOutcome.Rejected(rejected));
    }

    private void read(BidderNotice.CommandConfirmed confirmed) {
        service.complete(confirmed.commandId(), new CommandOutcome.Confirmed(confirmed, lamp.view()));
    }

    private Timer roundTrips(String type, String outcome) {
        return meters.find("gavel.commands")
                .tags("type", type, "outcome", outcome)
                .timer();
    }

    @Nested
    class Submitting {

        @Test
        void producesTheCommandKeyedByItsAuction() {
            AuctionCommand.PlaceBid bid = bobsBid();

            service.submit(bid);

            verify(kafka).send(Topics.AUCTION_COMMANDS, "lamp", bid);
        }

        @Test
        void waitsForTheOutcome() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());
            sending.complete(null);

            assertThat(outcome).isNotDone();
            assertThat(service.pendingCount()).isEqualTo(1);
        }

        @Test
        void aCommandHoldsBackTheWatermarkUntilItsWriteIsAcknowledged() {
            AuctionCommand.PlaceBid bid = received(bobsBid());
            service.submit(bid);
            clock.advance(Duration.ofMillis(150));
            Instant whileWriting = receipts.watermark();

            sending.complete(null);

            assertThat(whileWriting).isEqualTo(bid.receivedAt());
            assertThat(receipts.watermark()).isEqualTo(Times.NOW.plusMillis(150));
        }

        @Test
        void aCommandThatCouldNotBeWrittenNoLongerHoldsBackTheWatermark() {
            service.submit(received(bobsBid()));
            clock.advance(Duration.ofMillis(150));

            sending.completeExceptionally(new TimeoutException("no leader"));

            assertThat(receipts.watermark()).isEqualTo(Times.NOW.plusMillis(150));
        }

        @Test
        void aRetryThatJoinsTheWaitOfItsCommandHoldsNothingBack() {
            service.submit(received(bobsBid()));
            sending.complete(null);
            clock.advance(Duration.ofMillis(10));

            service.submit(received(bobsBid()));

            assertThat(receipts.watermark()).isEqualTo(Times.NOW.plusMillis(10));
        }

        @Test
        void ofTheSameCommandTwiceProducesItOnceAndAnswersBoth() {
            CompletableFuture<CommandOutcome> first = service.submit(bobsBid());
            CompletableFuture<CommandOutcome> retry = service.submit(bobsBid());
            AuctionEvent.BidPlaced placed = bobsBidPlaced();

            read(placed);

            verify(kafka, times(1)).send(anyString(), anyString(), any());
            CommandOutcome expected = new CommandOutcome.Accepted(placed, lamp.view());
            assertThat(first).isCompletedWithValue(expected);
            assertThat(retry).isCompletedWithValue(expected);
        }

        @Test
        void ofACommandAlreadyAnsweredProducesItAgainForTheProcessorToAnswer() {
            service.submit(bobsBid());
            read(bobsBidPlaced());

            CompletableFuture<CommandOutcome> retry = service.submit(bobsBid());

            verify(kafka, times(2)).send(anyString(), anyString(), any());
            assertThat(retry).isNotDone();
        }
    }

    @Nested
    class TheFirstOutcome {

        @Test
        void thatIsAPublicEventAcceptsTheCommand() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());
            AuctionEvent.BidPlaced placed = bobsBidPlaced();

            read(placed);

            assertThat(outcome).isCompletedWithValue(new CommandOutcome.Accepted(placed, lamp.view()));
            assertThat(service.pendingCount()).isZero();
        }

        @Test
        void thatIsARejectionRejectsTheCommand() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());

            read(rejection(COMMAND_ID));

            assertThat(outcome).isCompletedWithValue(new CommandOutcome.Rejected(rejection(COMMAND_ID)));
        }

        @Test
        void thatIsAConfirmationConfirmsTheCommand() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());

            read(confirmation(COMMAND_ID));

            assertThat(outcome)
                    .isCompletedWithValue(new CommandOutcome.Confirmed(confirmation(COMMAND_ID), lamp.view()));
        }

        @Test
        void isTheOnlyOne() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());
            read(rejection(COMMAND_ID));

            read(confirmation(COMMAND_ID));
            read(bobsBidPlaced());

            assertThat(outcome).isCompletedWithValue(new CommandOutcome.Rejected(rejection(COMMAND_ID)));
            assertThat(roundTrips("place-bid", "rejected").count()).isEqualTo(1);
            assertThat(roundTrips("place-bid", "accepted")).isNull();
        }

        @Test
        void ofAnotherCommandLeavesThisOneWaiting() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());

            read(rejection("cmd-of-another-gateway"));
            read(lamp.bid(BOB, 11_00, BOB, "cmd-of-another-gateway"));

            assertThat(outcome).isNotDone();
            assertThat(service.pendingCount()).isEqualTo(1);
        }
    }

    @Nested
    class WhenKafkaCannotBeReached {

        @Test
        void aFailedSendAnswersUnavailable() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());

            sending.completeExceptionally(new TimeoutException("Topic auction-commands not present in metadata"));

            assertThat(outcome).isCompleted();
            CommandOutcome.Failed failed = (CommandOutcome.Failed) outcome.join();
            assertThat(failed.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(failed.message()).contains("may not have been recorded");
            assertThat(service.pendingCount()).isZero();
        }

        @Test
        void aSendThatThrowsAnswersUnavailable() {
            when(kafka.send(anyString(), anyString(), any())).thenThrow(new TimeoutException("max.block.ms"));

            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());

            assertThat(outcome).isCompleted();
            assertThat(((CommandOutcome.Failed) outcome.join()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }

        @Test
        void everyWaiterOfTheCommandIsAnsweredUnavailable() {
            CompletableFuture<CommandOutcome> first = service.submit(bobsBid());
            CompletableFuture<CommandOutcome> retry = service.submit(bobsBid());

            sending.completeExceptionally(new TimeoutException("broker down"));

            assertThat(first.join()).isEqualTo(retry.join());
            assertThat(((CommandOutcome.Failed) retry.join()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
    }

    @Nested
    class OverdueCommands {

        @Test
        void areAnsweredTimeoutOnceTheReplyTimeoutHasPassed() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());
            clock.advance(REPLY_TIMEOUT);

            service.expireOverdue();

            CommandOutcome.Failed failed = (CommandOutcome.Failed) outcome.join();
            assertThat(failed.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(failed.message()).contains("will still be decided");
            assertThat(service.pendingCount()).isZero();
        }

        @Test
        void keepWaitingUntilTheReplyTimeoutHasPassed() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());
            clock.advance(REPLY_TIMEOUT.minusMillis(1));

            service.expireOverdue();

            assertThat(outcome).isNotDone();
        }

        @Test
        void ignoreAnOutcomeThatArrivesAfterTheTimeout() {
            CompletableFuture<CommandOutcome> outcome = service.submit(bobsBid());
            clock.advance(REPLY_TIMEOUT);
            service.expireOverdue();

            read(bobsBidPlaced());

            assertThat(((CommandOutcome.Failed) outcome.join()).code()).isEqualTo(ErrorCode.TIMEOUT);
        }
    }

    @Nested
    class RoundTripTimer {

        @Test
        void recordsAcceptedCommandsByType() {
            service.submit(bobsBid());

            read(bobsBidPlaced());

            assertThat(roundTrips("place-bid", "accepted").count()).isEqualTo(1);
        }

        @Test
        void recordsConfirmedCommandsAsAccepted() {
            service.submit(bobsBid());

            read(confirmation(COMMAND_ID));

            assertThat(roundTrips("place-bid", "accepted").count()).isEqualTo(1);
        }

        @Test
        void recordsRejectedCommands() {
            service.submit(bobsBid());

            read(rejection(COMMAND_ID));

            assertThat(roundTrips("place-bid", "rejected").count()).isEqualTo(1);
        }

        @Test
        void recordsUnavailableCommands() {
            service.submit(bobsBid());

            sending.completeExceptionally(new TimeoutException("broker down"));

            assertThat(roundTrips("place-bid", "unavailable").count()).isEqualTo(1);
        }

        @Test
        void recordsTimedOutCommands() {
            service.submit(bobsBid());
            clock.advance(REPLY_TIMEOUT);

            service.expireOverdue();

            assertThat(roundTrips("place-bid", "timeout").count()).isEqualTo(1);
        }

        @Test
        void recordsACommandOnceHoweverManyWaitedForIt() {
            service.submit(bobsBid());
            service.submit(bobsBid());

            read(bobsBidPlaced());

            assertThat(roundTrips("place-bid", "accepted").count()).isEqualTo(1);
        }

        @Test
        void tagsEachCommandType() {
            AuctionCommand.BuyNow buyNow = new AuctionCommand.BuyNow("cmd-buy", "lamp", Times.NOW, BOB);
            service.submit(buyNow);

            read(rejection("cmd-buy"));

            assertThat(roundTrips("buy-now", "rejected").count()).isEqualTo(1);
        }
    }

    @Nested
    class Logging {

        private final Logger logger = (Logger) LoggerFactory.getLogger(CommandService.class);
        private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

        @BeforeEach
        void captureLines() {
            lines.start();
            logger.addAppender(lines);
        }

        @AfterEach
        void releaseLines() {
            logger.detachAppender(lines);
        }

        @Test
        void aCommandThatCouldNotBeWrittenIsLoggedWithItsAuctionAndCommandIds() {
            service.submit(bobsBid());

            sending.completeExceptionally(new TimeoutException("no broker"));

            assertThat(lines.list)
                    .singleElement()
                    .satisfies(line -> assertThat(line.getMDCPropertyMap())
                            .containsEntry(CommandLogContext.AUCTION_ID, "lamp")
                            .containsEntry(CommandLogContext.COMMAND_ID, COMMAND_ID));
            assertThat(MDC.get(CommandLogContext.COMMAND_ID)).isNull();
        }

        @Test
        void theIdsLeaveTheLoggingContextOnceTheCommandIsHandedOver() {
            service.submit(bobsBid());

            assertThat(MDC.get(CommandLogContext.AUCTION_ID)).isNull();
            assertThat(MDC.get(CommandLogContext.COMMAND_ID)).isNull();
        }
    }
}
