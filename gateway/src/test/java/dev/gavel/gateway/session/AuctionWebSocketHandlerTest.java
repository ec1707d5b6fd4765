package dev.gavel.gateway.session;

import static dev.gavel.gateway.session.SessionBuilder.sessionOver;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.UserRef;
import dev.gavel.gateway.testing.AuctionHistory;
import dev.gavel.gateway.testing.Frames;
import dev.gavel.gateway.testing.Users;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

class AuctionWebSocketHandlerTest {

    private static final int MAX_CONNECTIONS_PER_USER = 2;
    private static final String PING = "{\"type\":\"ping\"}";

    private final RouterFixture gateway = new RouterFixture();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Map<String, FakeSocket> sockets = new HashMap<>();
    /** Queue limit of the sessions opened from now on. */
    private int queueLimit = 2_000;

    private final AuctionWebSocketHandler handler = new AuctionWebSocketHandler(
            (ws, identity, listener) -> sessionOver(sockets.get(ws.getId()), gateway.clock)
                    .of(identity == null ? null : identity.user(), identity == null ? null : identity.expiresAt())
                    .queueLimit(queueLimit)
                    .listener(listener)
                    .build(),
            gateway.router,
            new ConnectionLimits(MAX_CONNECTIONS_PER_USER),
            meters);

    /** A token's principal, as the handshake leaves it on the connection. */
    private static Principal signedIn(UserRef user) {
        Jwt jwt = Jwt.withTokenValue("token")
                .header("alg", "HS256")
                .subject(user.id())
                .claim("name", user.name())
                .expiresAt(SessionBuilder.TOKEN_EXPIRY)
                .build();
        return new JwtAuthenticationToken(jwt);
    }

    /** A client connects; null {@code user}: an anonymous viewer. */
    private FakeSocket connect(UserRef user, FakeSocket socket) {
        sockets.put(socket.ws().getId(), socket.signedInAs(user == null ? null : signedIn(user)));
        handler.afterConnectionEstablished(socket.ws());
        return socket;
    }

    private FakeSocket connect(UserRef user) {
        return connect(user, FakeSocket.keepingUp("ws-" + (sockets.size() + 1)));
    }

    private void disconnect(FakeSocket socket) {
        handler.afterConnectionClosed(socket.ws(), CloseStatus.NORMAL);
    }

    /** The code of the first frame sent to {@code socket}, an error. */
    private static String firstErrorCode(FakeSocket socket) {
        return Frames.read(socket.written().get(0)).path("code").asString();
    }

    private double messagesIn() {
        return meters.counter("gavel.ws.messages.in").count();
    }

    @Nested
    class Connecting {

        @Test
        void aUserMayOpenUpToTheLimitAndTheNextIsClosed() throws Exception {
            FakeSocket first = connect(Users.BOB);
            FakeSocket second = connect(Users.BOB);

            FakeSocket third = connect(Users.BOB);

            assertThat(first.closeStatus()).isNull();
            assertThat(second.closeStatus()).isNull();
            assertThat(third.closeStatus()).isEqualTo(CloseCodes.TOO_MANY_CONNECTIONS);
        }

        @Test
        void theLimitIsPerUser() throws Exception {
            connect(Users.BOB);
            connect(Users.BOB);

            FakeSocket carols = connect(Users.CAROL);

            assertThat(carols.closeStatus()).isNull();
        }

        @Test
        void aClosedConnectionMakesRoomForAnother() throws Exception {
            FakeSocket first = connect(Users.BOB);
            connect(Users.BOB);
            disconnect(first);

            FakeSocket third = connect(Users.BOB);

            assertThat(third.closeStatus()).isNull();
        }

        @Test
        void anonymousViewersAreNotLimited() throws Exception {
            connect(null);
            connect(null);

            FakeSocket third = connect(null);

            assertThat(third.closeStatus()).isNull();
        }

        @Test
        void areCounted() {
            connect(Users.BOB);
            connect(null);

            assertThat(handler.connectionCount()).isEqualTo(2);
        }

        @Test
        void areAllSentAwayOnShutdown() throws Exception {
            FakeSocket bobs = connect(Users.BOB);
            FakeSocket viewers = connect(null);

            handler.closeAll();

            assertThat(bobs.closeStatus()).isEqualTo(CloseCodes.GOING_AWAY);
            assertThat(viewers.closeStatus()).isEqualTo(CloseCodes.GOING_AWAY);
        }
    }

    @Nested
    class Messages {

        @Test
        void thatArriveInPartsAreAnsweredOnceWhole() throws Exception {
            FakeSocket socket = connect(Users.BOB);

            handler.handleMessage(socket.ws(), new TextMessage("{\"type\":", false));
            assertThat(socket.written()).isEmpty();
            handler.handleMessage(socket.ws(), new TextMessage("\"ping\"}", true));

            assertThat(socket.frames()).containsExactly("pong");
            assertThat(messagesIn()).isEqualTo(1);
        }

        @Test
        void largerThanTheLimitAreRefusedAndCounted() throws Exception {
            FakeSocket socket = connect(Users.BOB);
            String part = "x".repeat((int) SessionBuilder.MAX_MESSAGE_BYTES);

            handler.handleMessage(socket.ws(), new TextMessage("{\"type\":\"ping\",\"requestId\":\"" + part, false));
            handler.handleMessage(socket.ws(), new TextMessage("\"}", true));

            assertThat(socket.frames()).containsExactly("error");
            assertThat(firstErrorCode(socket)).isEqualTo("MESSAGE_TOO_LARGE");
            assertThat(messagesIn()).isEqualTo(1);
        }

        @Test
        void inBinaryFramesAreRefused() throws Exception {
            FakeSocket socket = connect(Users.BOB);

            handler.handleMessage(socket.ws(), new BinaryMessage(ByteBuffer.wrap(new byte[] {1, 2}), true));

            assertThat(firstErrorCode(socket)).isEqualTo("INVALID_MESSAGE");
            assertThat(messagesIn()).isEqualTo(1);
        }

        @Test
        void ofAConnectionThatClosedAreIgnored() throws Exception {
            FakeSocket socket = connect(Users.BOB);
            disconnect(socket);

            handler.handleMessage(socket.ws(), new TextMessage(PING));

            assertThat(socket.written()).isEmpty();
            assertThat(messagesIn()).isZero();
        }
    }

    @Nested
    class Closing {

        @Test
        void endsTheSubscriptionsOfTheConnection() throws Exception {
            AuctionHistory lamp = AuctionHistory.of("lamp");
            gateway.directory.publish(lamp.created());
            FakeSocket socket = connect(Users.BOB);
            handler.handleMessage(socket.ws(), new TextMessage("{\"type\":\"subscribe\",\"auctionId\":\"lamp\"}"));
            handler.handleMessage(socket.ws(), new TextMessage("{\"type\":\"subscribe-lobby\"}"));

            disconnect(socket);
            gateway.directory.publish(lamp.ended());

            assertThat(socket.frames()).containsExactly("snapshot#1", "subscribed");
            assertThat(gateway.directory.subscriptions()).isZero();
        }

        @Test
        void aClientDroppedForNotReadingIsCounted() throws Exception {
            queueLimit = 1;
            FakeSocket socket = connect(Users.BOB, FakeSocket.completedByTheTest("ws-slow"));

            for (String ping : List.of(PING, PING, PING)) {
                handler.handleMessage(socket.ws(), new TextMessage(ping));
            }
            socket.completeSend();

            assertThat(meters.counter("gavel.ws.slow.drops").count()).isEqualTo(1);
            assertThat(socket.closeStatus()).isEqualTo(CloseCodes.SLOW_CONSUMER);
        }
    }
}
