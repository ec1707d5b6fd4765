package org.apache.tomcat.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import java.nio.ByteBuffer;

/**
 * Sends a text message that is already UTF-8 through Tomcat's WebSocket, as one frame: its header and payload in one
 * gather write. {@code RemoteEndpoint.Async.sendText} takes a String, which Tomcat encodes again for every connection
 * and writes in parts of its buffer size, one write each; this calls the method that send ends in, with the bytes.
 * It is package-private, hence this class in Tomcat's package: a Tomcat that changes it fails the build, not a
 * running gateway.
 */
public final class PreEncodedText {

    private final WsRemoteEndpointImplBase endpoint;

    /** @param remote a Tomcat session's asynchronous remote endpoint */
    public PreEncodedText(RemoteEndpoint.Async remote) {
        this.endpoint = ((WsRemoteEndpointBase) remote).base;
    }

    /**
     * Starts writing {@code utf8} as one whole text message; {@code done} is told when it is written or has failed.
     * The caller sends one message at a time, as with {@code sendText}.
     *
     * @throws IllegalStateException if the session is closed
     */
    public void send(ByteBuffer utf8, SendHandler done) {
        endpoint.startMessage(Constants.OPCODE_TEXT, utf8, true, done);
    }
}
