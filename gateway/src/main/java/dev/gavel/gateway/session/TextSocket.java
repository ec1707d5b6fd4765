package dev.gavel.gateway.session;

import dev.gavel.gateway.protocol.TextFrame;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.PreEncodedText;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/** Where a session's frames are written: one whole text message at a time, completed asynchronously. */
@FunctionalInterface
interface TextSocket {

    /**
     * Starts writing {@code frame}; {@code done} is told when it is written or has failed.
     *
     * @throws IllegalStateException if the connection is closed
     */
    void send(TextFrame frame, SendHandler done);

    /** The container's socket of {@code ws}, written with the frames' bytes as they are, encoded once for everyone. */
    static TextSocket of(WebSocketSession ws) {
        PreEncodedText text = new PreEncodedText(
                ((NativeWebSocketSession) ws).getNativeSession(Session.class).getAsyncRemote());
        return (frame, done) -> text.send(frame.payload(), done);
    }
}
