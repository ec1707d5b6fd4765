package dev.gavel.gateway.session;

import dev.gavel.gateway.auth.Identity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The WebSocket endpoint: opens a {@link ClientSession} for each connection (within the user's connection limit),
 * puts each client message together from its parts and hands it to the {@link MessageRouter}, and ends the session's
 * subscriptions when it closes.
 */
public class AuctionWebSocketHandler extends AbstractWebSocketHandler implements ClientSession.SessionListener {

    /** Opens the session of a new connection, for its user (null: an anonymous viewer). */
    interface Sessions {
        ClientSession open(WebSocketSession ws, Identity identity, ClientSession.SessionListener listener);
    }

    private final Sessions newSessions;
    private final MessageRouter router;
    private final ConnectionLimits connections;
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Counter messagesIn;
    private final Counter slowDrops;

    AuctionWebSocketHandler(
            Sessions newSessions, MessageRouter router, ConnectionLimits connections, MeterRegistry meters) {
        this.newSessions = newSessions;
        this.router = router;
        this.connections = connections;
        this.messagesIn = Counter.builder("gavel.ws.messages.in")
                .description("Client messages received")
                .register(meters);
        this.slowDrops = Counter.builder("gavel.ws.slow.drops")
                .description("Clients dropped because they did not read in time")
                .register(meters);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) {
        ClientSession session = newSessions.open(ws, Identity.of(ws.getPrincipal()), this);
        sessions.put(ws.getId(), session);
        if (!connections.opened(session.user())) {
            session.close(CloseCodes.TOO_MANY_CONNECTIONS);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession ws, TextMessage message) {
        ClientSession session = sessions.get(ws.getId());
        if (session == null) {
            return;
        }
        String text;
        try {
            text = session.assemble(message.getPayload(), message.isLast());
        } catch (MessageAssembler.TooLarge e) {
            messagesIn.increment();
            router.tooLarge(session);
            return;
        }
        if (text != null) {
            messagesIn.increment();
            router.handle(session, text);
        }
    }

    /** Messages arrive in parts, so that the container needs only a small buffer per connection. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession ws, BinaryMessage message) {
        ClientSession session = sessions.get(ws.getId());
        if (session != null && message.isLast()) {
            messagesIn.increment();
            router.binary(session);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) {
        ClientSession session = sessions.remove(ws.getId());
        if (session == null) {
            return;
        }
        session.markClosed();
        router.closed(session);
        connections.closed(session.user());
    }

    @Override
    public void droppedSlow(ClientSession session) {
        slowDrops.increment();
    }

    /** Closes every connection with "going away", so clients reconnect to another instance. */
    public void closeAll() {
        sessions.values().forEach(session -> session.close(CloseCodes.GOING_AWAY));
    }

    int connectionCount() {
        return sessions.size();
    }
}
