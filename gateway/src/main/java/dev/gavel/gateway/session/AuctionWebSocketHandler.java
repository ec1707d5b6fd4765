package dev.gavel.gateway.session;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.UserRef;
import dev.gavel.gateway.GatewayProperties;
import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.auth.Identity;
import dev.gavel.gateway.command.CommandFactory;
import dev.gavel.gateway.command.CommandOutcome;
import dev.gavel.gateway.command.CommandService;
import dev.gavel.gateway.command.RateLimits;
import dev.gavel.gateway.command.Replies;
import dev.gavel.gateway.protocol.Amounts.InvalidAmountException;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ClientMessageReader;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The WebSocket endpoint: reads each client message, answers bad input with an error and changes nothing, turns
 * commands into Kafka records and subscriptions into directory entries. The identity comes from the handshake's
 * token; nothing a client writes can change it.
 */
public class AuctionWebSocketHandler extends AbstractWebSocketHandler implements ClientSession.SessionListener {

    private final AuctionDirectory directory;
    private final StatsBoard stats;
    private final CommandService commands;
    private final CommandFactory factory = new CommandFactory();
    private final ClientMessageReader reader = new ClientMessageReader();
    private final FrameWriter frames;
    private final Replies replies;
    private final RateLimits limits;
    private final GatewayProperties properties;
    private final Clock clock;
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    /** Writes frames to sockets; as many threads as cores, since the writes are non-blocking. */
    private final ExecutorService senders =
            Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemon("gavel-sender"));

    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(daemon("gavel-subscribe-retries"));
    private final Map<String, AtomicInteger> connectionsPerUser = new ConcurrentHashMap<>();
    private final Counter messagesIn;
    private final Counter slowDrops;
    private final MeterRegistry meters;

    public AuctionWebSocketHandler(
            AuctionDirectory directory,
            StatsBoard stats,
            CommandService commands,
            FrameWriter frames,
            Replies replies,
            RateLimits limits,
            GatewayProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.directory = directory;
        this.stats = stats;
        this.commands = commands;
        this.frames = frames;
        this.replies = replies;
        this.limits = limits;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.messagesIn = Counter.builder("gavel.ws.messages.in")
                .description("Client messages received")
                .register(meters);
        this.slowDrops = Counter.builder("gavel.ws.slow.drops")
                .description("Clients dropped because they did not read in time")
                .register(meters);
        Gauge.builder("gavel.ws.connections", sessions, Map::size)
                .description("Open WebSockets")
                .register(meters);
        Gauge.builder("gavel.ws.subscriptions", directory, AuctionDirectory::subscriptions)
                .description("Auction subscriptions")
                .register(meters);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) {
        Identity identity = Identity.of(ws.getPrincipal());
        UserRef user = identity == null ? null : identity.user();
        ClientSession session = new ClientSession(
                ws,
                user,
                identity == null ? null : identity.expiresAt(),
                properties.sendQueueLimit(),
                properties.conflateAfter(),
                properties.sendTimeLimit(),
                limits.newSessionLimit(),
                properties.maxFrameSize().toBytes(),
                senders,
                clock,
                this);
        sessions.put(ws.getId(), session);
        if (user != null
                && connectionsPerUser
                                .computeIfAbsent(user.id(), id -> new AtomicInteger())
                                .incrementAndGet()
                        > properties.maxConnectionsPerUser()) {
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
            reply(
                    session,
                    frames.error(
                            null,
                            ErrorCode.MESSAGE_TOO_LARGE,
                            "messages must be at most "
                                    + properties.maxFrameSize().toBytes() + " bytes"));
            return;
        }
        if (text != null) {
            messagesIn.increment();
            handle(session, text);
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
            reply(
                    session,
                    frames.error(null, ErrorCode.INVALID_MESSAGE, "binary frames are not supported: send JSON text"));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) {
        ClientSession session = sessions.remove(ws.getId());
        if (session == null) {
            return;
        }
        session.markClosed();
        session.subscriptions().forEach(auctionId -> directory.unsubscribe(session, auctionId));
        session.subscriptions().clear();
        directory.unsubscribeLobby(session);
        if (session.user() != null) {
            connectionsPerUser.computeIfPresent(
                    session.user().id(), (id, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    @Override
    public void droppedSlow(ClientSession session) {
        slowDrops.increment();
    }

    /** Closes every connection with "going away", so clients reconnect to another instance. */
    public void closeAll() {
        sessions.values().forEach(session -> session.close(CloseCodes.GOING_AWAY));
    }

    void handle(ClientSession session, String text) {
        if (!session.tryMessage()) {
            if (session.strike() > properties.messageBurst()) {
                session.close(CloseCodes.ABUSIVE);
            } else {
                reply(session, frames.error(null, ErrorCode.RATE_LIMITED, "too many messages: slow down"));
            }
            return;
        }
        ClientMessage message;
        try {
            message = reader.read(text);
            CommandFactory.requireRequestId(message.requestId());
        } catch (ProtocolException e) {
            reply(session, frames.error(e.requestId(), e.code(), e.getMessage()));
            return;
        }
        try {
            dispatch(session, message);
        } catch (ProtocolException e) {
            reply(session, frames.error(message.requestId(), e.code(), e.getMessage()));
        }
    }

    private void dispatch(ClientSession session, ClientMessage message) {
        String requestId = message.requestId();
        if (message instanceof ClientMessage.Command command) {
            submit(session, command);
        } else if (message instanceof ClientMessage.Subscribe subscribe) {
            String auctionId = CommandFactory.auctionId(subscribe.auctionId());
            if (subscribe.lastSeq() != null && subscribe.lastSeq() < 0) {
                throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "lastSeq must not be negative");
            }
            boolean latestOnly = latestOnly(subscribe.updates());
            session.subscriptions().add(auctionId);
            subscribeWhenKnown(
                    session,
                    requestId,
                    auctionId,
                    subscribe.lastSeq(),
                    latestOnly,
                    System.nanoTime() + properties.unknownAuctionWait().toNanos());
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            String auctionId = CommandFactory.auctionId(unsubscribe.auctionId());
            directory.unsubscribe(session, auctionId);
            session.subscriptions().remove(auctionId);
            reply(session, new ServerMessage.Unsubscribed(requestId, "auction:" + auctionId, frames.now()));
        } else if (message instanceof ClientMessage.SubscribeLobby) {
            directory.subscribeLobby(session);
            reply(session, new ServerMessage.Subscribed(requestId, "lobby", frames.now()));
            stats.forNewcomer().ifPresent(current -> reply(session, current));
        } else if (message instanceof ClientMessage.UnsubscribeLobby) {
            directory.unsubscribeLobby(session);
            reply(session, new ServerMessage.Unsubscribed(requestId, "lobby", frames.now()));
        } else {
            reply(session, new ServerMessage.Pong(requestId, frames.now()));
        }
    }

    /**
     * Subscribes, or, if the auction is not known yet, tries again for a moment: another gateway instance may have
     * announced it a few milliseconds before this one read it.
     */
    private void subscribeWhenKnown(
            ClientSession session,
            String requestId,
            String auctionId,
            Long lastSeq,
            boolean latestOnly,
            long deadlineNanos) {
        if (!session.subscriptions().contains(auctionId)
                || directory.subscribe(session, requestId, auctionId, lastSeq, latestOnly)) {
            return;
        }
        if (System.nanoTime() >= deadlineNanos) {
            session.subscriptions().remove(auctionId);
            reply(session, frames.error(requestId, ErrorCode.AUCTION_NOT_FOUND, "there is no auction " + auctionId));
            return;
        }
        retries.schedule(
                () -> subscribeWhenKnown(session, requestId, auctionId, lastSeq, latestOnly, deadlineNanos),
                100,
                TimeUnit.MILLISECONDS);
    }

    private static boolean latestOnly(String updates) {
        if (updates == null || updates.equals("every")) {
            return false;
        }
        if (updates.equals("latest")) {
            return true;
        }
        throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "updates must be \"every\" or \"latest\"");
    }

    private void submit(ClientSession session, ClientMessage.Command request) {
        UserRef user = session.user();
        if (user == null) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "sign in to bid or sell");
        }
        Instant now = clock.instant();
        if (session.tokenExpiredAt(now)) {
            throw new ProtocolException(
                    ErrorCode.TOKEN_EXPIRED, "your sign-in has expired: sign in again to bid (you can keep watching)");
        }
        if (!limits.tryCommand(user.id())) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "too many commands: slow down");
        }
        AuctionCommand command;
        try {
            command = factory.toCommand(request, user, now);
        } catch (InvalidAmountException e) {
            String auctionId = ((ClientMessage.PlaceBid) request).auctionId();
            reply(session, replies.invalidAmount(request, auctionId, e.getMessage()));
            return;
        }
        commands.submit(command).thenAccept(outcome -> {
            countRejection(outcome);
            reply(session, replies.to(request, user.id(), outcome));
        });
    }

    private void countRejection(CommandOutcome outcome) {
        if (outcome instanceof CommandOutcome.Rejected rejected) {
            meters.counter(
                            "gavel.commands.rejected",
                            "reason",
                            rejected.notice().reason().name())
                    .increment();
        }
    }

    private void reply(ClientSession session, ServerMessage message) {
        session.send(frames.write(message));
    }
}
