package dev.gavel.gateway.session;

import static dev.gavel.gateway.session.SessionBuilder.TOKEN_EXPIRY;
import static dev.gavel.gateway.session.SessionBuilder.sessionOver;
import static dev.gavel.gateway.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.ModerationAction;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.Role;
import dev.gavel.events.ShowStats;
import dev.gavel.gateway.command.CommandOutcome;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.Frames;
import dev.gavel.gateway.testing.ManualScheduler;
import dev.gavel.gateway.testing.Times;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageRouterTest {

    private final RouterFixture gateway = new RouterFixture();
    private final MessageRouter router = gateway.router;
    private final FakeSocket socket = FakeSocket.keepingUp("ws-1");
    private final ClientSession bob = sessionOver(socket, gateway.clock)
            .messageBurst(RouterFixture.MESSAGE_BURST)
            .build();
    private final AuctionHistory lamp = AuctionHistory.of("lamp");

    private void send(String message) {
        router.handle(bob, message);
    }

    /** The lamp auction, known to the directory. */
    private void lampIsKnown() {
        gateway.directory.publish(lamp.created());
    }

    private JsonNode frame(int index) {
        return Frames.read(socket.written().get(index));
    }

    private JsonNode lastFrame() {
        return frame(socket.written().size() - 1);
    }

    /** The error the client was sent last, as {@code code: message}. */
    private String lastError() {
        JsonNode error = lastFrame();
        assertThat(error.path("type").asString()).isEqualTo("error");
        return error.path("code").asString() + ": " + error.path("message").asString();
    }

    @Nested
    class Reading {

        @Test
        void aPingIsAnsweredWithAPongCarryingItsRequestId() {
            send("{\"type\":\"ping\",\"requestId\":\"p-1\"}");

            assertThat(socket.frames()).containsExactly("pong");
            assertThat(frame(0).path("requestId").asString()).isEqualTo("p-1");
        }

        @Test
        void aMessageThatIsNotExactlyAProtocolMessageIsAnsweredWithItsRequestId() {
            send("{\"type\":\"ping\",\"requestId\":\"p-1\",\"bidder\":\"u-alice\"}");

            assertThat(lastError()).isEqualTo("INVALID_MESSAGE: unknown field 'bidder'");
            assertThat(lastFrame().path("requestId").asString()).isEqualTo("p-1");
        }

        @Test
        void aRequestIdTooLongToEchoIsRefused() {
            send("{\"type\":\"ping\",\"requestId\":\"" + "r".repeat(65) + "\"}");

            assertThat(lastError()).isEqualTo("INVALID_MESSAGE: requestId must be at most 64 characters");
        }

        @Test
        void aMessageTooLargeIsRefusedWithTheLimit() {
            router.tooLarge(bob);

            assertThat(lastError()).isEqualTo("MESSAGE_TOO_LARGE: messages must be at most 8192 bytes");
        }

        @Test
        void aBinaryFrameIsRefused() {
            router.binary(bob);

            assertThat(lastError()).isEqualTo("INVALID_MESSAGE: binary frames are not supported: send JSON text");
        }
    }

    @Nested
    class Flooding {

        private void sendTheWholeBurst() {
            for (int i = 0; i < RouterFixture.MESSAGE_BURST; i++) {
                send("{\"type\":\"ping\"}");
            }
        }

        @Test
        void aMessageOverTheConnectionsRateIsAnsweredRateLimitedAndDoesNothing() throws IOException {
            lampIsKnown();
            sendTheWholeBurst();

            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\"}");

            assertThat(lastError()).isEqualTo("RATE_LIMITED: too many messages: slow down");
            assertThat(gateway.directory.subscriptions()).isZero();
            assertThat(socket.closeStatus()).isNull();
        }

        @Test
        void aRateLimitedMessageIsRefusedWithItsRequestIdSoThatTheClientCanSendItAgain() {
            lampIsKnown();
            sendTheWholeBurst();

            send("{\"type\":\"subscribe\",\"requestId\":\"s-101\",\"auctionId\":\"lamp\"}");

            assertThat(lastError()).startsWith("RATE_LIMITED");
            assertThat(lastFrame().path("requestId").asString()).isEqualTo("s-101");
        }

        @Test
        void aClientThatKeepsSendingAfterItWasToldIsClosedForPolicy() throws IOException {
            sendTheWholeBurst();
            for (int i = 0; i < RouterFixture.MESSAGE_BURST; i++) {
                send("{\"type\":\"ping\"}");
            }
            assertThat(socket.closeStatus()).isNull();

            send("{\"type\":\"ping\"}");

            assertThat(socket.closeStatus()).isEqualTo(CloseCodes.ABUSIVE);
        }
    }

    @Nested
    class Subscribing {

        @Test
        void toAKnownAuctionSendsItsSnapshotAndThenItsEvents() {
            lampIsKnown();

            send("{\"type\":\"subscribe\",\"requestId\":\"s-1\",\"auctionId\":\"lamp\"}");
            gateway.directory.publish(lamp.bid(BOB, 11_00));

            assertThat(socket.frames()).containsExactly("snapshot#1", "bid-updated#2");
            assertThat(frame(0).path("requestId").asString()).isEqualTo("s-1");
        }

        @Test
        void withLastSeqResumesAfterIt() {
            lampIsKnown();
            gateway.directory.publish(lamp.bid(BOB, 11_00));

            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\",\"lastSeq\":1}");

            assertThat(socket.frames()).containsExactly("bid-updated#2", "subscribed");
        }

        @Test
        void toTheLatestStateOnlyGetsAuctionStatesInsteadOfEvents() {
            lampIsKnown();

            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\",\"updates\":\"latest\"}");
            gateway.directory.publish(lamp.bid(BOB, 11_00));

            assertThat(socket.frames()).containsExactly("snapshot#1", "auction-state#2");
        }

        @Test
        void withUpdatesOtherThanEveryOrLatestIsRefused() {
            lampIsKnown();

            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\",\"updates\":\"some\"}");

            assertThat(lastError()).isEqualTo("INVALID_MESSAGE: updates must be \"every\" or \"latest\"");
            assertThat(gateway.directory.subscriptions()).isZero();
        }

        @Test
        void withANegativeLastSeqIsRefused() {
            lampIsKnown();

            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\",\"lastSeq\":-1}");

            assertThat(lastError()).isEqualTo("INVALID_MESSAGE: lastSeq must not be negative");
        }

        @Test
        void toAMalformedAuctionIdIsRefused() {
            send("{\"type\":\"subscribe\",\"auctionId\":\"a lamp\"}");

            assertThat(lastError()).isEqualTo("INVALID_MESSAGE: auctionId must be 1 to 64 letters, digits, '-' or '_'");
        }

        @Test
        void toAnAuctionNotReadYetWaitsForIt() {
            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\"}");
            assertThat(socket.written()).isEmpty();
            assertThat(gateway.retries.tasks())
                    .extracting(ManualScheduler.Task::delayMillis)
                    .containsExactly(MessageRouter.SUBSCRIBE_RETRY_MILLIS);

            lampIsKnown();
            gateway.retries.runAll();

            assertThat(socket.frames()).containsExactly("snapshot#1");
        }

        @Test
        void toAnAuctionThatDoesNotAppearInTimeIsAnsweredNotFound() {
            send("{\"type\":\"subscribe\",\"requestId\":\"s-1\",\"auctionId\":\"lamp\"}");
            gateway.retries.runAll();
            assertThat(socket.written()).isEmpty();

            gateway.clock.advance(RouterFixture.UNKNOWN_AUCTION_WAIT);
            gateway.retries.runAll();

            assertThat(lastError()).isEqualTo("AUCTION_NOT_FOUND: there is no auction lamp");
            assertThat(lastFrame().path("requestId").asString()).isEqualTo("s-1");
            assertThat(gateway.retries.tasks()).isEmpty();
            assertThat(bob.subscriptions()).isEmpty();
        }

        @Test
        void endsWithUnsubscribe() {
            lampIsKnown();
            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\"}");

            send("{\"type\":\"unsubscribe\",\"requestId\":\"u-1\",\"auctionId\":\"lamp\"}");
            gateway.directory.publish(lamp.bid(BOB, 11_00));

            assertThat(socket.frames()).containsExactly("snapshot#1", "unsubscribed");
            assertThat(frame(1).path("channel").asString()).isEqualTo("auction:lamp");
            assertThat(frame(1).path("requestId").asString()).isEqualTo("u-1");
        }

        @Test
        void toAnAuctionNotReadYetStopsWaitingOnUnsubscribe() {
            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\"}");
            send("{\"type\":\"unsubscribe\",\"auctionId\":\"lamp\"}");

            lampIsKnown();
            gateway.retries.runAll();

            assertThat(socket.frames()).containsExactly("unsubscribed");
            assertThat(gateway.directory.subscriptions()).isZero();
        }
    }

    @Nested
    class TheLobby {

        private final ShowStats.ShowSales sales =
                new ShowStats.ShowSales(new ShowStats.Sales(3, 2, 1, 0, 0, 25_00), Times.NOW);

        @Test
        void isJoinedAndHearsOfNewAuctions() {
            send("{\"type\":\"subscribe-lobby\",\"requestId\":\"l-1\"}");
            lampIsKnown();

            assertThat(socket.frames()).containsExactly("subscribed", "auction-created#1");
            assertThat(frame(0).path("channel").asString()).isEqualTo("lobby");
        }

        @Test
        void sendsANewcomerTheLatestStatistics() {
            gateway.stats.apply(sales);

            send("{\"type\":\"subscribe-lobby\"}");

            assertThat(socket.frames()).containsExactly("subscribed", "stats");
            assertThat(frame(1).path("stats").path("sales").path("sold").asInt())
                    .isEqualTo(2);
        }

        @Test
        void isLeftWithUnsubscribeLobby() {
            send("{\"type\":\"subscribe-lobby\"}");

            send("{\"type\":\"unsubscribe-lobby\"}");
            lampIsKnown();

            assertThat(socket.frames()).containsExactly("subscribed", "unsubscribed");
            assertThat(frame(1).path("channel").asString()).isEqualTo("lobby");
        }
    }

    @Nested
    class Moderation {

        private static final String END =
                "{\"type\":\"moderate-auction\",\"requestId\":\"m-1\",\"auctionId\":\"lamp\",\"action\":\"end\"}";

        @Test
        void byAUserWithoutAModeratingRoleIsForbiddenAndNothingIsProduced() {
            send(END);

            assertThat(lastError()).isEqualTo("FORBIDDEN: only moderators and admins can moderate auctions");
            assertThat(lastFrame().path("requestId").asString()).isEqualTo("m-1");
            assertThat(gateway.commands.produced()).isEmpty();
        }

        @Test
        void byAModeratorIsProducedWithTheirRoleAndAnsweredOnceDecided() {
            ClientSession mia = sessionOver(socket, gateway.clock)
                    .roles(Role.MODERATOR)
                    .messageBurst(RouterFixture.MESSAGE_BURST)
                    .build();
            gateway.directory.publish(lamp.created());

            router.handle(mia, END);
            AuctionCommand.ModerateAuction produced = (AuctionCommand.ModerateAuction) gateway.commands.last();
            gateway.commands.answerLast(new CommandOutcome.Accepted(
                    lamp.ended(Outcome.UNSOLD, null, null, produced.commandId()), lamp.view()));

            assertThat(produced.role()).isEqualTo(Role.MODERATOR);
            assertThat(produced.action()).isEqualTo(ModerationAction.END);
            assertThat(socket.frames()).contains("moderated");
        }

        @Test
        void withAnUnknownActionIsAnInvalidMessage() {
            send("{\"type\":\"moderate-auction\",\"auctionId\":\"lamp\",\"action\":\"ban\"}");

            assertThat(lastError()).startsWith("INVALID_MESSAGE");
        }
    }

    @Nested
    class Commands {

        private static final String BID =
                "{\"type\":\"place-bid\",\"requestId\":\"b-1\",\"auctionId\":\"lamp\",\"amount\":11}";

        /** The processor accepts the bid produced last. */
        private void bidIsPlaced() {
            AuctionCommand produced = gateway.commands.last();
            AuctionEvent.BidPlaced placed = lamp.bid(BOB, 11_00, BOB, produced.commandId());
            gateway.commands.answerLast(new CommandOutcome.Accepted(placed, lamp.view()));
        }

        @Test
        void aBidIsProducedAndAnsweredWithItsOutcome() {
            lamp.created();
            send(BID);
            assertThat(gateway.commands.produced()).hasSize(1);
            assertThat(socket.written()).isEmpty();

            bidIsPlaced();

            assertThat(socket.frames()).containsExactly("bid-accepted");
            assertThat(frame(0).path("requestId").asString()).isEqualTo("b-1");
        }

        @Test
        void aBidWithAnAmountNoAuctionAcceptsIsRejectedWithoutReachingTheLog() {
            send("{\"type\":\"place-bid\",\"auctionId\":\"lamp\",\"amount\":11.001}");

            assertThat(socket.frames()).containsExactly("bid-rejected");
            assertThat(frame(0).path("reason").asString()).isEqualTo("INVALID_AMOUNT");
            assertThat(gateway.commands.produced()).isEmpty();
        }

        @Test
        void aRejectionIsAnsweredAndCountedByReason() {
            send(BID);

            gateway.commands.rejectLast(RejectionReason.SELF_BID);

            assertThat(socket.frames()).containsExactly("bid-rejected");
            assertThat(gateway.commands.rejections(RejectionReason.SELF_BID)).isEqualTo(1);
        }

        @Test
        void fromAnAnonymousViewerIsRefused() {
            ClientSession viewer =
                    sessionOver(socket, gateway.clock).of(null, null).build();

            router.handle(viewer, BID);

            assertThat(lastError()).isEqualTo("UNAUTHORIZED: sign in to bid or sell");
            assertThat(lastFrame().path("requestId").asString()).isEqualTo("b-1");
            assertThat(gateway.commands.produced()).isEmpty();
        }

        @Test
        void afterTheTokenExpiredIsRefusedButTheSessionMayStillWatch() {
            lampIsKnown();
            gateway.clock.advance(Duration.between(Times.NOW, TOKEN_EXPIRY));

            send(BID);
            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\"}");

            assertThat(socket.frames()).containsExactly("error", "snapshot#1");
            assertThat(frame(0).path("code").asString()).isEqualTo("TOKEN_EXPIRED");
            assertThat(gateway.commands.produced()).isEmpty();
        }

        @Test
        void beyondTheUsersCommandRateAreRefused() {
            for (int i = 0; i < RouterFixture.COMMAND_BURST; i++) {
                send(BID);
            }

            send(BID);

            assertThat(lastError()).isEqualTo("RATE_LIMITED: too many commands: slow down");
            assertThat(gateway.commands.produced()).hasSize(RouterFixture.COMMAND_BURST);
        }
    }

    @Nested
    class Closing {

        @Test
        void endsEverySubscriptionOfTheSession() {
            lampIsKnown();
            send("{\"type\":\"subscribe\",\"auctionId\":\"lamp\"}");
            send("{\"type\":\"subscribe-lobby\"}");
            List<String> before = List.copyOf(socket.frames());

            router.closed(bob);
            gateway.directory.publish(lamp.bid(BOB, 11_00));
            gateway.directory.publish(lamp.ended());

            assertThat(socket.frames()).isEqualTo(before);
            assertThat(gateway.directory.subscriptions()).isZero();
            assertThat(bob.subscriptions()).isEmpty();
        }
    }
}
