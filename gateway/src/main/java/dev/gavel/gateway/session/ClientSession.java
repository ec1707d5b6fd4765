package dev.gavel.gateway.session;

import dev.gavel.events.Role;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.auction.Subscriber;
import dev.gavel.gateway.protocol.TextFrame;
import io.github.bucket4j.Bucket;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.tomcat.websocket.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * One client connection. Sending never blocks the caller: frames wait in a bounded queue and go out one at a time
 * with the container's asynchronous send, each as the bytes it was encoded to once for all its subscribers. A client
 * that falls behind (the frame being written to it was queued longer than the conflation time ago) gets, per auction,
 * only the latest state (a snapshot marked resync) instead of every event it has not read; replies to its own
 * commands are always kept. A client whose send takes longer than the send time limit, or whose queue still
 * overflows, has stopped reading and is dropped, so it cannot delay anyone else.
 */
public final class ClientSession implements Subscriber {

    /**
     * How long a close frame may wait for the frame being written and for its own write, after which the connection
     * is closed without it. Tomcat answers a client's close on a container thread that spins until the frame being
     * written is done, and that frame's completion needs a container thread too: when thousands of viewers left a
     * show at once, every container thread spun for Tomcat's default of 20 s, close after close, and the gateway
     * answered nothing for minutes. A client that closes is leaving; one the gateway closes is closed only once its
     * frame in writing is done (see {@link #close}), unless it is too slow to read it.
     */
    static final long CLOSE_FRAME_WAIT_MILLIS = 100;

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    private final WebSocketSession ws;
    private final TextSocket socket;
    private final UserRef user;
    private final Instant tokenExpiresAt;
    private final Set<Role> roles;
    private final int maxQueued;
    private final long conflateAfterMillis;
    private final Clock clock;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    /** Show id to the auction of its running lot, which the session follows for it. */
    private final Map<String, String> shows = new ConcurrentHashMap<>();

    private final SessionListener listener;
    private final Bucket messageLimit;
    private final MessageAssembler assembler;
    private final Executor sender;
    private int strikes;

    /** A frame waiting to be sent; {@code auctionId} is set on frames that a newer snapshot may replace. */
    private record Outgoing(String auctionId, TextFrame frame, long queuedAt) {}

    /** Replies to the client's own requests: they go out before the auction streams' frames that wait. */
    private final ArrayDeque<Outgoing> replies = new ArrayDeque<>();

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private boolean sending;
    /** When the frame being written was queued: how far behind the client is. */
    private long writingQueuedAt;

    private boolean closed;
    /** A close waiting for the frame in flight to finish. */
    private CloseStatus pendingClose;

    /** Told when a session is dropped for being slow. */
    interface SessionListener {
        void droppedSlow(ClientSession session);
    }

    ClientSession(
            WebSocketSession ws,
            UserRef user,
            Instant tokenExpiresAt,
            Set<Role> roles,
            int maxQueued,
            Duration conflateAfter,
            Duration sendTimeLimit,
            Bucket messageLimit,
            long maxMessageBytes,
            TextSocket socket,
            Executor sender,
            Clock clock,
            SessionListener listener) {
        this.ws = ws;
        this.user = user;
        this.tokenExpiresAt = tokenExpiresAt;
        this.roles = Set.copyOf(roles);
        this.maxQueued = maxQueued;
        this.conflateAfterMillis = conflateAfter.toMillis();
        this.clock = clock;
        this.listener = listener;
        this.messageLimit = messageLimit;
        this.assembler = new MessageAssembler(maxMessageBytes);
        this.sender = sender;
        this.socket = socket;
        jakarta.websocket.Session container =
                ((NativeWebSocketSession) ws).getNativeSession(jakarta.websocket.Session.class);
        container.getAsyncRemote().setSendTimeout(sendTimeLimit.toMillis());
        container.getUserProperties().put(Constants.BLOCKING_SEND_TIMEOUT_PROPERTY, CLOSE_FRAME_WAIT_MILLIS);
    }

    public String id() {
        return ws.getId();
    }

    /** The signed-in user, or null for an anonymous viewer. */
    public UserRef user() {
        return user;
    }

    /** The roles the handshake's token granted; none for an anonymous viewer. */
    public Set<Role> roles() {
        return roles;
    }

    public boolean tokenExpiredAt(Instant now) {
        return tokenExpiresAt != null && !now.isBefore(tokenExpiresAt);
    }

    /** The shows this session watches, each with the lot's auction it follows for it (empty before the first lot). */
    public Map<String, String> shows() {
        return shows;
    }

    public Set<String> subscriptions() {
        return subscriptions;
    }

    /** Adds a part of an incoming message; see {@link MessageAssembler#add}. Parts arrive one at a time. */
    String assemble(String part, boolean last) {
        return assembler.add(part, last);
    }

    /** Takes a token for one incoming message; messages are read one at a time per connection. */
    boolean tryMessage() {
        if (messageLimit.tryConsume(1)) {
            strikes = 0;
            return true;
        }
        return false;
    }

    /** Counts a message refused for rate; returns how many in a row. */
    int strike() {
        return ++strikes;
    }

    @Override
    public void deliver(String auctionId, TextFrame frame, Supplier<TextFrame> latestState) {
        enqueue(latestState == null ? null : auctionId, frame, latestState, queue);
    }

    /**
     * Sends a reply to one of the client's own requests: never replaced by a snapshot, and ahead of stream frames
     * that wait, so that a bidder learns its outcome as soon as it can however busy its auction is.
     */
    public void send(TextFrame frame) {
        enqueue(null, frame, null, replies);
    }

    private void enqueue(
            String auctionId, TextFrame frame, Supplier<TextFrame> latestState, ArrayDeque<Outgoing> into) {
        boolean overflow = false;
        long now = clock.millis();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!sending) {
                sending = true;
                writingQueuedAt = now;
            } else if (latestState != null && now - writingQueuedAt >= conflateAfterMillis) {
                queue.removeIf(waiting -> auctionId.equals(waiting.auctionId()));
                queue.addLast(new Outgoing(auctionId, latestState.get(), now));
                return;
            } else if (replies.size() + queue.size() < maxQueued) {
                into.addLast(new Outgoing(auctionId, frame, now));
                return;
            } else {
                overflow = true;
            }
        }
        if (overflow) {
            dropSlow();
        } else {
            // The container writes to the socket on the calling thread: hand the write over, so that the thread that
            // fans an event out to thousands of sessions only ever queues.
            sender.execute(() -> transmit(frame));
        }
    }

    private void transmit(TextFrame frame) {
        try {
            socket.send(frame, this::sent);
        } catch (IllegalStateException e) {
            markClosed();
        }
    }

    private void sent(SendResult result) {
        boolean slow = false;
        CloseStatus closing;
        Outgoing next;
        synchronized (this) {
            if (!result.isOK() && !closed && ws.isOpen()) {
                closed = true;
                queue.clear();
                replies.clear();
                slow = true;
            }
            closing = pendingClose;
            next = closed ? null : replies.isEmpty() ? queue.pollFirst() : replies.pollFirst();
            if (next == null) {
                sending = false;
            } else {
                writingQueuedAt = next.queuedAt();
            }
        }
        if (slow) {
            dropSlow();
        } else if (closing != null) {
            closeSocket(closing);
        } else if (next != null) {
            transmit(next.frame());
        }
    }

    private void dropSlow() {
        log.info("Dropping slow client {} ({})", ws.getId(), user == null ? "anonymous" : user.id());
        listener.droppedSlow(this);
        close(CloseCodes.SLOW_CONSUMER);
    }

    void markClosed() {
        synchronized (this) {
            closed = true;
            queue.clear();
            replies.clear();
        }
    }

    /** Closes with {@code status}; a frame being written is finished first, so the close frame is not cut off. */
    public void close(CloseStatus status) {
        boolean now;
        synchronized (this) {
            closed = true;
            queue.clear();
            replies.clear();
            now = !sending;
            if (!now) {
                pendingClose = status;
            }
        }
        if (now) {
            closeSocket(status);
        }
    }

    private void closeSocket(CloseStatus status) {
        try {
            ws.close(status);
        } catch (IOException | IllegalStateException e) {
            log.debug("Closing {} failed: {}", ws.getId(), e.toString());
        }
    }
}
