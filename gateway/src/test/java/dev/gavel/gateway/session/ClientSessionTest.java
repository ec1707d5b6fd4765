package dev.gavel.gateway.session;

import static dev.gavel.gateway.session.SessionBuilder.SEND_TIME_LIMIT;
import static dev.gavel.gateway.session.SessionBuilder.TOKEN_EXPIRY;
import static dev.gavel.gateway.session.SessionBuilder.sessionOver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.gavel.gateway.protocol.TextFrame;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.tomcat.websocket.Constants;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

class ClientSessionTest {

    private static final int QUEUE_LIMIT = 4;
    private static final Duration CONFLATE_AFTER = Duration.ofMillis(250);

    private final FakeSocket socket = FakeSocket.completedByTheTest("ws-1");
    private final NativeWebSocketSession ws = socket.ws();
    private final List<String> written = socket.written();
    private final List<ClientSession> droppedSlow = new ArrayList<>();
    private final MutableClock clock = new MutableClock();

    private final ClientSession session = sessionOver(socket, clock)
            .queueLimit(QUEUE_LIMIT)
            .conflateAfter(CONFLATE_AFTER)
            .listener(droppedSlow::add)
            .build();

    /** Event {@code seq} of an auction, which the session may replace by the auction's state after it. */
    private void event(String auctionId, int seq) {
        session.deliver(
                auctionId, TextFrame.of(eventFrame(auctionId, seq)), () -> TextFrame.of(stateAfter(auctionId, seq)));
    }

    private static String eventFrame(String auctionId, int seq) {
        return auctionId + " #" + seq;
    }

    private static String stateAfter(String auctionId, int seq) {
        return auctionId + " state after #" + seq;
    }

    @Nested
    class Sending {

        @Test
        void limitsEachSendToTheSendTimeLimit() {
            verify(socket.remote()).setSendTimeout(SEND_TIME_LIMIT.toMillis());
        }

        @Test
        void writesAFrameAtOnceWhenNothingIsInFlight() {
            session.send(TextFrame.of("reply 1"));

            assertThat(written).containsExactly("reply 1");
        }

        @Test
        void keepsOneFrameInFlightAtATime() {
            session.send(TextFrame.of("reply 1"));
            session.send(TextFrame.of("reply 2"));
            event("lamp", 1);

            assertThat(written).containsExactly("reply 1");
        }

        @Test
        void writesTheNextFrameWhenTheFrameInFlightIsSent() {
            session.send(TextFrame.of("reply 1"));
            session.send(TextFrame.of("reply 2"));
            event("lamp", 1);

            socket.completeSend();
            assertThat(written).containsExactly("reply 1", "reply 2");

            socket.completeSend();
            assertThat(written).containsExactly("reply 1", "reply 2", eventFrame("lamp", 1));
        }

        @Test
        void writesAgainAtOnceAfterTheQueueEmptied() {
            session.send(TextFrame.of("reply 1"));
            socket.drain();

            session.send(TextFrame.of("reply 2"));

            assertThat(written).containsExactly("reply 1", "reply 2");
        }

        @Test
        void stopsWritingOnceTheContainerRefusesToSend() {
            socket.refuseSends();
            session.send(TextFrame.of("reply 1"));

            session.send(TextFrame.of("reply 2"));

            assertThat(socket.attempts()).isEqualTo(1);
        }
    }

    @Nested
    class LaggingClient {

        /** The frame being written has been on its way for the conflation time: the client is behind. */
        private void fallBehind() {
            clock.advance(CONFLATE_AFTER);
        }

        @Test
        void hasItsFramesSentAsTheyAreWhileItKeepsUp() {
            session.send(TextFrame.of("reply 0"));
            event("lamp", 1);
            event("lamp", 2);
            event("vase", 1);

            clock.advance(CONFLATE_AFTER.minusMillis(1));
            event("lamp", 3);
            socket.drain();

            assertThat(written)
                    .containsExactly(
                            "reply 0",
                            eventFrame("lamp", 1),
                            eventFrame("lamp", 2),
                            eventFrame("vase", 1),
                            eventFrame("lamp", 3));
        }

        @Test
        void getsTheLatestStateInsteadOfTheWaitingFramesOfAnAuction() {
            session.send(TextFrame.of("reply 0"));
            event("lamp", 1);
            event("lamp", 2);

            fallBehind();
            event("lamp", 3);
            socket.drain();

            assertThat(written).containsExactly("reply 0", stateAfter("lamp", 3));
        }

        @Test
        void isSentOnlyTheLatestStateHoweverManyEventsArriveWhileItIsBehind() {
            session.send(TextFrame.of("reply 0"));
            fallBehind();

            for (int seq = 1; seq <= 50; seq++) {
                event("lamp", seq);
            }
            socket.drain();

            assertThat(written).containsExactly("reply 0", stateAfter("lamp", 50));
        }

        @Test
        void getsEventsAgainOnceTheLatestStateWentOutInTime() {
            session.send(TextFrame.of("reply 0"));
            fallBehind();
            event("lamp", 1);
            socket.completeSend();

            event("lamp", 2);
            socket.drain();

            assertThat(written).containsExactly("reply 0", stateAfter("lamp", 1), eventFrame("lamp", 2));
        }

        @Test
        void asksForTheLatestStateOnlyWhenItConflates() {
            List<String> asked = new ArrayList<>();
            Supplier<TextFrame> latestLamp = () -> {
                asked.add("lamp");
                return TextFrame.of(stateAfter("lamp", 3));
            };
            session.send(TextFrame.of("reply 0"));

            session.deliver("lamp", TextFrame.of(eventFrame("lamp", 1)), latestLamp);
            session.deliver("lamp", TextFrame.of(eventFrame("lamp", 2)), latestLamp);
            assertThat(asked).isEmpty();

            fallBehind();
            session.deliver("lamp", TextFrame.of(eventFrame("lamp", 3)), latestLamp);
            assertThat(asked).containsExactly("lamp");
        }

        @Test
        void neverHasItsRepliesReplaced() {
            session.send(TextFrame.of("reply 0"));
            event("lamp", 1);
            session.send(TextFrame.of("reply 1"));

            fallBehind();
            event("lamp", 2);
            socket.drain();

            assertThat(written).containsExactly("reply 0", "reply 1", stateAfter("lamp", 2));
        }

        @Test
        void sendsItsRepliesAheadOfWaitingStreamFrames() {
            session.send(TextFrame.of("reply 0"));
            event("lamp", 1);

            session.send(TextFrame.of("reply 1"));
            socket.drain();

            assertThat(written).containsExactly("reply 0", "reply 1", eventFrame("lamp", 1));
        }

        @Test
        void neverHasFramesWithoutALatestStateReplaced() {
            session.send(TextFrame.of("reply 0"));
            session.deliver("lamp", TextFrame.of("lobby: lamp created"), null);
            event("lamp", 1);

            fallBehind();
            event("lamp", 2);
            socket.drain();

            assertThat(written).containsExactly("reply 0", "lobby: lamp created", stateAfter("lamp", 2));
        }

        @Test
        void keepsTheFramesOfOtherAuctionsInOrder() {
            session.send(TextFrame.of("reply 0"));
            event("vase", 1);
            event("lamp", 1);
            event("vase", 2);

            fallBehind();
            event("lamp", 2);
            socket.drain();

            assertThat(written)
                    .containsExactly("reply 0", eventFrame("vase", 1), eventFrame("vase", 2), stateAfter("lamp", 2));
        }

        @Test
        void isNotDroppedForEventsItCanBeGivenTheLatestStateOf() throws IOException {
            session.send(TextFrame.of("reply 0"));
            fallBehind();
            for (int seq = 1; seq <= QUEUE_LIMIT * 10; seq++) {
                event("lamp", seq);
            }

            assertThat(droppedSlow).isEmpty();
            verify(ws, never()).close(any(CloseStatus.class));
        }
    }

    @Nested
    class StuckClient {

        private void fillTheQueue() {
            session.send(TextFrame.of("reply 0"));
            for (int i = 1; i <= QUEUE_LIMIT; i++) {
                session.send(TextFrame.of("reply " + i));
            }
        }

        @Test
        void isDroppedWhenItsQueueOverflows() throws IOException {
            fillTheQueue();

            session.send(TextFrame.of("one too many"));
            socket.completeSend();

            assertThat(droppedSlow).containsExactly(session);
            assertThat(socket.closeStatus().getCode()).isEqualTo(4008);
        }

        @Test
        void isClosedOnlyAfterTheFrameInFlightWhenItsQueueOverflows() throws IOException {
            fillTheQueue();

            session.send(TextFrame.of("one too many"));

            assertThat(droppedSlow).containsExactly(session);
            verify(ws, never()).close(any(CloseStatus.class));
        }

        @Test
        void isSentNothingMoreOnceItsQueueOverflowed() {
            fillTheQueue();

            session.send(TextFrame.of("one too many"));
            socket.drain();
            session.send(TextFrame.of("after the drop"));

            assertThat(written).containsExactly("reply 0");
        }

        @Test
        void isDroppedWhenASendFails() throws IOException {
            session.send(TextFrame.of("reply 0"));
            session.send(TextFrame.of("reply 1"));

            socket.failSend();

            assertThat(droppedSlow).containsExactly(session);
            assertThat(socket.closeStatus().getCode()).isEqualTo(4008);
            assertThat(written).containsExactly("reply 0");
        }

        @Test
        void isClosedWithSlowConsumerWhenTheFrameInFlightThenTimesOut() throws IOException {
            fillTheQueue();
            session.send(TextFrame.of("one too many"));

            socket.failSend();

            assertThat(droppedSlow).containsExactly(session);
            assertThat(socket.closeStatus().getCode()).isEqualTo(4008);
        }

        @Test
        void thatAlreadyDisconnectedIsNotCountedAsSlow() throws IOException {
            session.send(TextFrame.of("reply 0"));
            when(ws.isOpen()).thenReturn(false);

            socket.failSend();

            assertThat(droppedSlow).isEmpty();
            verify(ws, never()).close(any(CloseStatus.class));
        }
    }

    @Nested
    class Closing {

        /** Thousands of viewers leaving at once must not hold every container thread for the default 20 s each. */
        @Test
        void aCloseFrameWaitsOnlyAMomentForTheContainerBeforeTheConnectionClosesWithoutIt() {
            assertThat(socket.containerProperties())
                    .containsEntry(Constants.BLOCKING_SEND_TIMEOUT_PROPERTY, ClientSession.CLOSE_FRAME_WAIT_MILLIS);
            assertThat(ClientSession.CLOSE_FRAME_WAIT_MILLIS).isBetween(1L, 1_000L);
        }

        @Test
        void closesAtOnceWhenNothingIsInFlight() throws IOException {
            session.close(CloseCodes.GOING_AWAY);

            assertThat(socket.closeStatus()).isEqualTo(CloseCodes.GOING_AWAY);
        }

        @Test
        void waitsForTheFrameInFlight() throws IOException {
            session.send(TextFrame.of("reply 0"));

            session.close(CloseCodes.GOING_AWAY);

            verify(ws, never()).close(any(CloseStatus.class));
        }

        @Test
        void closesWithTheRequestedStatusOnceTheFrameInFlightIsSent() throws IOException {
            session.send(TextFrame.of("reply 0"));
            session.close(CloseCodes.TOO_MANY_CONNECTIONS);

            socket.completeSend();

            assertThat(socket.closeStatus()).isEqualTo(CloseCodes.TOO_MANY_CONNECTIONS);
        }

        @Test
        void dropsTheFramesThatWereStillWaiting() {
            session.send(TextFrame.of("reply 0"));
            session.send(TextFrame.of("reply 1"));
            session.close(CloseCodes.GOING_AWAY);

            socket.drain();

            assertThat(written).containsExactly("reply 0");
        }

        @Test
        void sendsNothingAfterwards() {
            session.close(CloseCodes.GOING_AWAY);

            session.send(TextFrame.of("reply 0"));
            event("lamp", 1);

            assertThat(written).isEmpty();
        }

        @Test
        void sendsNothingOnceTheConnectionIsKnownClosed() {
            session.markClosed();

            session.send(TextFrame.of("reply 0"));

            assertThat(written).isEmpty();
        }
    }

    @Nested
    class TokenExpiry {

        @Test
        void isReachedAtTheExpiryTimeOfTheToken() {
            assertThat(session.tokenExpiredAt(TOKEN_EXPIRY.minusMillis(1))).isFalse();
            assertThat(session.tokenExpiredAt(TOKEN_EXPIRY)).isTrue();
        }

        @Test
        void isNeverReachedByAnAnonymousViewer() {
            ClientSession anonymous = sessionOver(socket, clock).of(null, null).build();

            assertThat(anonymous.user()).isNull();
            assertThat(anonymous.tokenExpiredAt(Times.NOW.plus(Duration.ofDays(365))))
                    .isFalse();
        }
    }
}
