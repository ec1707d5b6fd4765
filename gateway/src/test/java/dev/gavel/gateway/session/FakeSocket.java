package dev.gavel.gateway.session;

import static org.mockito.Mockito.atMostOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.gavel.gateway.testing.Frames;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mockito.ArgumentCaptor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * A WebSocket connection as the container hands it over, whose frames a test reads. A send completes when the test
 * says so, or, for a client that always keeps up, at once.
 */
final class FakeSocket {

    private final NativeWebSocketSession ws = mock(NativeWebSocketSession.class);
    private final RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);
    /** The container session's user properties, where its settings of a connection go. */
    private final Map<String, Object> properties = new HashMap<>();
    /** Frames handed to the container, in order. */
    private final List<String> written = new ArrayList<>();
    /** The handlers of the sends the container has not completed yet, oldest first. */
    private final List<SendHandler> inFlight = new ArrayList<>();

    private final boolean sendsAtOnce;
    /** Set when the container refuses every further send, as it does once the connection has closed. */
    private boolean refusing;
    /** How many sends the session started, refused ones included. */
    private int attempts;

    private FakeSocket(String id, boolean sendsAtOnce) {
        Session nativeSession = mock(Session.class);
        when(ws.getNativeSession(Session.class)).thenReturn(nativeSession);
        when(ws.getId()).thenReturn(id);
        when(ws.isOpen()).thenReturn(true);
        when(nativeSession.getAsyncRemote()).thenReturn(remote);
        when(nativeSession.getUserProperties()).thenReturn(properties);
        this.sendsAtOnce = sendsAtOnce;
    }

    /** The socket the session writes its frames to. */
    TextSocket text() {
        return (frame, done) -> {
            attempts++;
            if (refusing) {
                throw new IllegalStateException("closed");
            }
            written.add(frame.text());
            if (sendsAtOnce) {
                done.onResult(new SendResult());
            } else {
                inFlight.add(done);
            }
        };
    }

    int attempts() {
        return attempts;
    }

    /** From now on the container refuses to send, as it does once the connection has closed. */
    void refuseSends() {
        refusing = true;
    }

    /** A connection whose sends the test completes one by one. */
    static FakeSocket completedByTheTest(String id) {
        return new FakeSocket(id, false);
    }

    /** A connection whose client reads every frame at once. */
    static FakeSocket keepingUp(String id) {
        return new FakeSocket(id, true);
    }

    /** The connection of a user: {@code principal} is the handshake's, null for an anonymous viewer. */
    FakeSocket signedInAs(Principal principal) {
        when(ws.getPrincipal()).thenReturn(principal);
        return this;
    }

    NativeWebSocketSession ws() {
        return ws;
    }

    RemoteEndpoint.Async remote() {
        return remote;
    }

    Map<String, Object> containerProperties() {
        return properties;
    }

    List<String> written() {
        return written;
    }

    /** Each frame written as {@code type#seq}, see {@link Frames#describe}. */
    List<String> frames() {
        return written.stream().map(Frames::describe).toList();
    }

    /** The container finished writing the oldest frame not yet completed. */
    void completeSend() {
        inFlight.remove(0).onResult(new SendResult());
    }

    void failSend() {
        inFlight.remove(0).onResult(new SendResult(new IOException("send timed out")));
    }

    /** Completes every send, including the ones each completion starts. */
    void drain() {
        while (!inFlight.isEmpty()) {
            completeSend();
        }
    }

    /** How the gateway closed the connection, or null if it did not. */
    CloseStatus closeStatus() throws IOException {
        ArgumentCaptor<CloseStatus> status = ArgumentCaptor.forClass(CloseStatus.class);
        verify(ws, atMostOnce()).close(status.capture());
        return status.getAllValues().isEmpty() ? null : status.getValue();
    }
}
