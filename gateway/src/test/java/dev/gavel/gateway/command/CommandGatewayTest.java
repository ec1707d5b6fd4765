package dev.gavel.gateway.command;

import static dev.gavel.gateway.testing.Requests.REQUEST_ID;
import static dev.gavel.gateway.testing.Requests.placeBid;
import static dev.gavel.gateway.testing.Users.BOB;
import static dev.gavel.gateway.testing.Users.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.RejectionReason;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.CommandLog;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommandGatewayTest {

    private static final int COMMAND_BURST = 2;

    private final MutableClock clock = new MutableClock();
    private final CommandLog log = new CommandLog(clock, COMMAND_BURST);
    private final CommandGateway gateway = log.gateway();
    private final AuctionHistory lamp = AuctionHistory.open("lamp");

    /** The public event of Bob's bid arrives: the outcome of the command produced last. */
    private void bobsBidIsPlaced() {
        AuctionEvent.BidPlaced placed = lamp.bid(BOB, 12_00, BOB, log.last().commandId());
        log.answerLast(new CommandOutcome.Accepted(placed, lamp.view()));
    }

    @Nested
    class ACommand {

        @Test
        void isProducedWithTheUserFromTheTokenAndTheTimeOfReceipt() {
            gateway.submit(BOB, Set.of(), placeBid("lamp", "12"));

            AuctionCommand.PlaceBid bid = (AuctionCommand.PlaceBid) log.last();
            assertThat(bid.bidder()).isEqualTo(BOB);
            assertThat(bid.receivedAt()).isEqualTo(Times.NOW);
            assertThat(bid.amountCents()).isEqualTo(12_00);
        }

        @Test
        void isAnsweredOnceItsOutcomeArrives() {
            CompletableFuture<ServerMessage> reply = gateway.submit(BOB, Set.of(), placeBid("lamp", "12"));
            assertThat(reply).isNotDone();

            bobsBidIsPlaced();

            ServerMessage.BidAccepted accepted = (ServerMessage.BidAccepted) reply.join();
            assertThat(accepted.requestId()).isEqualTo(REQUEST_ID);
            assertThat(accepted.currentBid()).isEqualByComparingTo("12");
            assertThat(accepted.leading()).isTrue();
        }
    }

    @Nested
    class RefusedBeforeTheLog {

        @Test
        void aBidWithAnAmountNoAuctionAcceptsIsRejectedAtOnce() {
            CompletableFuture<ServerMessage> reply =
                    gateway.submit(BOB, Set.of(), placeBid("lamp", "12.001", null, "b-1"));

            assertThat(reply).isDone();
            ServerMessage.BidRejected rejected = (ServerMessage.BidRejected) reply.join();
            assertThat(rejected.reason()).isEqualTo("INVALID_AMOUNT");
            assertThat(rejected.auctionId()).isEqualTo("lamp");
            assertThat(rejected.bidId()).isEqualTo("b-1");
            assertThat(log.produced()).isEmpty();
        }

        @Test
        void aMalformedCommandIsAnErrorAndNothingIsProduced() {
            ProtocolException refused = catchThrowableOfType(
                    ProtocolException.class, () -> gateway.submit(BOB, Set.of(), placeBid("a lamp", "12")));

            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertThat(log.produced()).isEmpty();
        }

        @Test
        void aCommandBeyondTheUsersBurstIsRateLimited() {
            gateway.submit(BOB, Set.of(), placeBid("lamp", "12"));
            gateway.submit(BOB, Set.of(), placeBid("lamp", "13"));

            ProtocolException refused = catchThrowableOfType(
                    ProtocolException.class, () -> gateway.submit(BOB, Set.of(), placeBid("lamp", "14")));

            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(log.produced()).hasSize(COMMAND_BURST);
        }

        @Test
        void theCommandRateIsCountedPerUser() {
            gateway.submit(BOB, Set.of(), placeBid("lamp", "12"));
            gateway.submit(BOB, Set.of(), placeBid("lamp", "13"));

            gateway.submit(CAROL, Set.of(), placeBid("lamp", "14"));

            assertThat(log.last().issuer()).isEqualTo(CAROL);
        }
    }

    @Nested
    class Rejections {

        @Test
        void byTheProcessorAreAnsweredAndCountedByReason() {
            CompletableFuture<ServerMessage> reply = gateway.submit(BOB, Set.of(), placeBid("lamp", "12"));

            log.rejectLast(RejectionReason.BID_TOO_LOW);

            assertThat(((ServerMessage.BidRejected) reply.join()).reason()).isEqualTo("BID_TOO_LOW");
            assertThat(log.rejections(RejectionReason.BID_TOO_LOW)).isEqualTo(1);
            assertThat(log.rejections(RejectionReason.AUCTION_ENDED)).isZero();
        }

        @Test
        void doNotCountAcceptedCommands() {
            gateway.submit(BOB, Set.of(), placeBid("lamp", "12"));

            bobsBidIsPlaced();

            assertThat(log.meters().find("gavel.commands.rejected").counters()).isEmpty();
        }

        @Test
        void doNotCountBidsRefusedBeforeTheLog() {
            gateway.submit(BOB, Set.of(), placeBid("lamp", "12.001"));

            assertThat(log.meters().find("gavel.commands.rejected").counters()).isEmpty();
        }
    }
}
