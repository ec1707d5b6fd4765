package dev.gavel.gateway.session;

import static dev.gavel.gateway.testing.Users.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.gavel.events.UserRef;
import dev.gavel.gateway.testing.MutableClock;
import dev.gavel.gateway.testing.Times;
import io.github.bucket4j.Bucket;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

class ClientSessionTest {

    private static final int QUEUE_LIMIT = 4;
    private static final Duration CONFLATE_AFTER = Duration.ofMillis(250);
    private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(3);
    private static final long MAX_MESSAGE_BYTES = 8_192;
    private static final Instant TOKEN_EXPIRY = Times.NOW.plusSeconds(60);

    private final NativeWebSocketSession ws = mock(NativeWebSocketSession.class);
    private final RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);
    private final List<ClientSession> droppedSlow = new ArrayList<>();
    /** Frames handed to the container, in order. */
    private final List<String> written = new ArrayList<>();
    /** The handlers of the sends the container has not completed yet, oldest first. */
    private final List<SendHandler> inFlight = new ArrayList<>();

    private final MutableClock clock = new MutableClock();

    private ClientSession session;

    @BeforeEach
    void connect() {
        Session nativeSession = mock(Session.class);
        when(ws.getNativeSession(Session.class)).thenReturn(nativeSession);
        when(ws.getId()).thenReturn("ws-1");
        when(ws.isOpen()).thenReturn(true);
        when(nativeSession.getAsyncRemote()).thenReturn(remote);
        doAnswer(invocation -> {
                    written.add(invocation.getArgument(0));
                    inFlight.add(invocation.getArgument(1));
                    return null;
                })
                .when(remote)
                .sendText(anyString(), any(SendHandler.class));
        session = newSession(BOB, TOKEN_EXPIRY, QUEUE_LIMIT, CONFLATE_AFTER);
    }

    private ClientSession newSession(UserRef user, Instant tokenExpiresAt, int queueLimit, Duration conflateAfter) {
        Bucket messageLimit = Bucket.builder()
                .addLimit(limit -> limit.capacity(100).refillGreedy(100, Duration.ofSeconds(1)))
                .build();
        return new ClientSession(
                ws,
                user,
                tokenExpiresAt,
                queueLimit,
                conflateAfter,
                SEND_TIME_LIMIT,
                messageLimit,
                MAX_MESSAGE_BYTES,
                Runnable::run,
                clock,
                droppedSlow::add);
    }

    private CloseStatus closeStatus() throws IOException {
        ArgumentCaptor<CloseStatus> status = ArgumentCaptor.forClass(CloseStatus.class);
        verify(ws).close(status.capture());
        return status.getValue();
    }

    /** The container finished writing the oldest frame not yet completed. */
    private void completeSend() {
        inFlight.remove(0).onResult(new SendResult());
    }

    private void failSend() {
        inFlight.remove(0).onResult(new SendResult(new IOException("send timed out")));
    }

    /** Completes every send, including the ones each completion starts. */
    private void drain() {
        while (!inFlight.isEmpty()) {
            completeSend();
        }
    }

    /** Event {@code seq} of an auction, which the session may replace by the auction's state after it. */
    private void event(String auctionId, int seq) {
        session.deliver(auctionId, eventFrame(auctionId, seq), () -> stateAfter(auctionId, seq));
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
            verify(remote).setSendTimeout(SEND_TIME_LIMIT.toMillis());
        }

        @Test
        void writesAFrameAtOnceWhenNothingIsInFlight() {
            session.send("reply 1");

            assertThat(written).containsExactly("reply 1");
        }

        @Test
        void keepsOneFrameInFlightAtATime() {
            session.send("reply 1");
            session.send("reply 2");
            event("lamp", 1);

            assertThat(written).containsExactly("reply 1");
        }

        @Test
        void writesTheNextFrameWhenTheFrameInFlightIsSent() {
            session.send("reply 1");
            session.send("reply 2");
            event("lamp", 1);

            completeSend();
            assertThat(written).containsExactly("reply 1", "reply 2");

            completeSend();
            assertThat(written).containsExactly("reply 1", "reply 2", eventFrame("lamp", 1));
        }

        @Test
        void writesAgainAtOnceAfterTheQueueEmptied() {
            session.send("reply 1");
            drain();

            session.send("reply 2");

            assertThat(written).containsExactly("reply 1", "reply 2");
        }

        @Test
        void stopsWritingOnceTheContainerRefusesToSend() {
            doThrow(new IllegalStateException("closed")).when(remote).sendText(anyString(), any(SendHandler.class));
            session.send("reply 1");

            session.send("reply 2");

            verify(remote).sendText(anyString(), any(SendHandler.class));
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
            session.send("reply 0");
            event("lamp", 1);
            event("lamp", 2);
            event("vase", 1);

            clock.advance(CONFLATE_AFTER.minusMillis(1));
            event("lamp", 3);
            drain();

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
            session.send("reply 0");
            event("lamp", 1);
            event("lamp", 2);

            fallBehind();
            event("lamp", 3);
            drain();

            assertThat(written).containsExactly("reply 0", stateAfter("lamp", 3));
        }

        @Test
        void isSentOnlyTheLatestStateHoweverManyEventsArriveWhileItIsBehind() {
            session.send("reply 0");
            fallBehind();

            for (int seq = 1; seq <= 50; seq++) {
                event("lamp", seq);
            }
            drain();

            assertThat(written).containsExactly("reply 0", stateAfter("lamp", 50));
        }

        @Test
        void getsEventsAgainOnceTheLatestStateWentOutInTime() {
            session.send("reply 0");
            fallBehind();
            event("lamp", 1);
            completeSend();

            event("lamp", 2);
            drain();

            assertThat(written).containsExactly("reply 0", stateAfter("lamp", 1), eventFrame("lamp", 2));
        }

        @Test
        void asksForTheLatestStateOnlyWhenItConflates() {
            List<String> asked = new ArrayList<>();
            Supplier<String> latestLamp = () -> {
                asked.add("lamp");
                return stateAfter("lamp", 3);
            };
            session.send("reply 0");

            session.deliver("lamp", eventFrame("lamp", 1), latestLamp);
            session.deliver("lamp", eventFrame("lamp", 2), latestLamp);
            assertThat(asked).isEmpty();

            fallBehind();
            session.deliver("lamp", eventFrame("lamp", 3), latestLamp);
            assertThat(asked).containsExactly("lamp");
        }

        @Test
        void neverHasItsRepliesReplaced() {
            session.send("reply 0");
            event("lamp", 1);
            session.send("reply 1");

            fallBehind();
            event("lamp", 2);
            drain();

            assertThat(written).containsExactly("reply 0", "reply 1", stateAfter("lamp", 2));
        }

        @Test
        void sendsItsRepliesAheadOfWaitingStreamFrames() {
            session.send("reply 0");
            event("lamp", 1);

            session.send("reply 1");
            drain();

            assertThat(written).containsExactly("reply 0", "reply 1", eventFrame("lamp", 1));
        }

        @Test
        void neverHasFramesWithoutALatestStateReplaced() {
            session.send("reply 0");
            session.deliver("lamp", "lobby: lamp created", null);
            event("lamp", 1);

            fallBehind();
            event("lamp", 2);
            drain();

            assertThat(written).containsExactly("reply 0", "lobby: lamp created", stateAfter("lamp", 2));
        }

        @Test
        void keepsTheFramesOfOtherAuctionsInOrder() {
            session.send("reply 0");
            event("vase", 1);
            event("lamp", 1);
            event("vase", 2);

            fallBehind();
            event("lamp", 2);
            drain();

            assertThat(written)
                    .containsExactly("reply 0", eventFrame("vase", 1), eventFrame("vase", 2), stateAfter("lamp", 2));
        }

        @Test
        void isNotDroppedForEventsItCanBeGivenTheLatestStateOf() throws IOException {
            session.send("reply 0");
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
            session.send("reply 0");
            for (int i = 1; i <= QUEUE_LIMIT; i++) {
                session.send("reply " + i);
            }
        }

        @Test
        void isDroppedWhenItsQueueOverflows() throws IOException {
            fillTheQueue();

            session.send("one too many");
            completeSend();

            assertThat(droppedSlow).containsExactly(session);
            assertThat(closeStatus().getCode()).isEqualTo(4008);
        }

        @Test
        void isClosedOnlyAfterTheFrameInFlightWhenItsQueueOverflows() throws IOException {
            fillTheQueue();

            session.send("one too many");

            assertThat(droppedSlow).containsExactly(session);
            verify(ws, never()).close(any(CloseStatus.class));
        }

        @Test
        void isSentNothingMoreOnceItsQueueOverflowed() {
            fillTheQueue();

            session.send("one too many");
            drain();
            session.send("after the drop");

            assertThat(written).containsExactly("reply 0");
        }

        @Test
        void isDroppedWhenASendFails() throws IOException {
            session.send("reply 0");
            session.send("reply 1");

            failSend();

            assertThat(droppedSlow).containsExactly(session);
            assertThat(closeStatus().getCode()).isEqualTo(4008);
            assertThat(written).containsExactly("reply 0");
        }

        @Test
        void isClosedWithSlowConsumerWhenTheFrameInFlightThenTimesOut() throws IOException {
            fillTheQueue();
            session.send("one too many");

            failSend();

            assertThat(droppedSlow).containsExactly(session);
            assertThat(closeStatus().getCode()).isEqualTo(4008);
        }

        @Test
        void thatAlreadyDisconnectedIsNotCountedAsSlow() throws IOException {
            session.send("reply 0");
            when(ws.isOpen()).thenReturn(false);

            failSend();

            assertThat(droppedSlow).isEmpty();
            verify(ws, never()).close(any(CloseStatus.class));
        }
    }

    @Nested
    class Closing {

        @Test
        void closesAtOnceWhenNothingIsInFlight() throws IOException {
            session.close(CloseCodes.GOING_AWAY);

            assertThat(closeStatus()).isEqualTo(CloseCodes.GOING_AWAY);
        }

        @Test
        void waitsForTheFrameInFlight() throws IOException {
            session.send("reply 0");

            session.close(CloseCodes.GOING_AWAY);

            verify(ws, never()).close(any(CloseStatus.class));
        }

        @Test
        void closesWithTheRequestedStatusOnceTheFrameInFlightIsSent() throws IOException {
            session.send("reply 0");
            session.close(CloseCodes.TOO_MANY_CONNECTIONS);

            completeSend();

            assertThat(closeStatus()).isEqualTo(CloseCodes.TOO_MANY_CONNECTIONS);
        }

        @Test
        void dropsTheFramesThatWereStillWaiting() {
            session.send("reply 0");
            session.send("reply 1");
            session.close(CloseCodes.GOING_AWAY);

            drain();

            assertThat(written).containsExactly("reply 0");
        }

        @Test
        void sendsNothingAfterwards() {
            session.close(CloseCodes.GOING_AWAY);

            session.send("reply 0");
            event("lamp", 1);

            assertThat(written).isEmpty();
        }

        @Test
        void sendsNothingOnceTheConnectionIsKnownClosed() {
            session.markClosed();

            session.send("reply 0");

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
            ClientSession anonymous = newSession(null, null, QUEUE_LIMIT, CONFLATE_AFTER);

            assertThat(anonymous.user()).isNull();
            assertThat(anonymous.tokenExpiredAt(Times.NOW.plus(Duration.ofDays(365))))
                    .isFalse();
        }
    }
}
