package dev.gavel.gateway.session;

import dev.gavel.gateway.auction.AuctionDirectory;
import dev.gavel.gateway.auction.StatsBoard;
import dev.gavel.gateway.command.CommandFactory;
import dev.gavel.gateway.command.CommandGateway;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ClientMessageReader;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ProtocolException;
import dev.gavel.gateway.protocol.ServerMessage;
import dev.gavel.gateway.show.ShowDirectory;
import dev.gavel.gateway.threads.Scheduler;
import java.time.Clock;
import java.time.Duration;

/**
 * Answers each message a client sends over its WebSocket: reads it strictly, then hands a command to the command
 * gateway, a subscription to the directory, a ping back as a pong. Bad input is answered with an error and changes
 * nothing; a client that keeps flooding after it was told to slow down is closed. The identity is the session's, from
 * the handshake's token: nothing a client writes can change it.
 */
final class MessageRouter {

    /** How often a subscription to an auction this instance has not read yet looks for it again. */
    static final long SUBSCRIBE_RETRY_MILLIS = 100;

    private final AuctionDirectory directory;
    private final ShowDirectory shows;
    private final StatsBoard stats;
    private final CommandGateway commands;
    private final FrameWriter frames;
    private final Scheduler retries;
    private final Clock clock;
    private final long unknownAuctionWaitMillis;
    private final int messageBurst;
    private final long maxMessageBytes;
    private final ClientMessageReader reader = new ClientMessageReader();

    /**
     * @param retries runs the next look for an auction not known yet
     * @param unknownAuctionWait how long a subscription to an auction not known yet waits for it
     * @param messageBurst how many messages in a row a client may send after it was told to slow down
     * @param maxMessageBytes the largest message a client may send, to say so when one is larger
     */
    MessageRouter(
            AuctionDirectory directory,
            ShowDirectory shows,
            StatsBoard stats,
            CommandGateway commands,
            FrameWriter frames,
            Scheduler retries,
            Clock clock,
            Duration unknownAuctionWait,
            int messageBurst,
            long maxMessageBytes) {
        this.directory = directory;
        this.shows = shows;
        this.stats = stats;
        this.commands = commands;
        this.frames = frames;
        this.retries = retries;
        this.clock = clock;
        this.unknownAuctionWaitMillis = unknownAuctionWait.toMillis();
        this.messageBurst = messageBurst;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Answers one whole text message of the client. */
    void handle(ClientSession session, String text) {
        if (!session.tryMessage()) {
            if (session.strike() > messageBurst) {
                session.close(CloseCodes.ABUSIVE);
            } else {
                refuse(session, requestIdOf(text), ErrorCode.RATE_LIMITED, "too many messages: slow down");
            }
            return;
        }
        ClientMessage message;
        try {
            message = reader.read(text);
            CommandFactory.requireRequestId(message.requestId());
        } catch (ProtocolException e) {
            refuse(session, e.requestId(), e.code(), e.getMessage());
            return;
        }
        try {
            route(session, message);
        } catch (ProtocolException e) {
            refuse(session, message.requestId(), e.code(), e.getMessage());
        }
    }

    /**
     * The request id of a message refused unread, so that the client knows which request to send again (e.g. one of
     * the subscriptions a reconnecting client resumes at once). Read only until the client is closed for flooding.
     */
    private String requestIdOf(String text) {
        try {
            return reader.read(text).requestId();
        } catch (ProtocolException e) {
            return e.requestId();
        }
    }

    /** Answers a message that was dropped as it arrived because it was too large. */
    void tooLarge(ClientSession session) {
        refuse(session, null, ErrorCode.MESSAGE_TOO_LARGE, "messages must be at most " + maxMessageBytes + " bytes");
    }

    void binary(ClientSession session) {
        refuse(session, null, ErrorCode.INVALID_MESSAGE, "binary frames are not supported: send JSON text");
    }

    /** Ends every subscription of a session that closed. */
    void closed(ClientSession session) {
        session.shows().keySet().forEach(showId -> shows.unsubscribe(session, showId));
        session.shows().clear();
        session.subscriptions().forEach(auctionId -> directory.unsubscribe(session, auctionId));
        session.subscriptions().clear();
        directory.unsubscribeLobby(session);
    }

    private void route(ClientSession session, ClientMessage message) {
        String requestId = message.requestId();
        if (message instanceof ClientMessage.Command command) {
            submit(session, command);
        } else if (message instanceof ClientMessage.ShowRequest request) {
            signedIn(session);
            commands.submit(session.user(), session.roles(), request).thenAccept(reply -> reply(session, reply));
        } else if (message instanceof ClientMessage.SubscribeShow subscribe) {
            subscribeShow(session, subscribe);
        } else if (message instanceof ClientMessage.UnsubscribeShow unsubscribe) {
            String showId = CommandFactory.showId(unsubscribe.showId());
            shows.unsubscribe(session, showId);
            String followed = session.shows().remove(showId);
            if (followed != null && !followed.isEmpty()) {
                directory.unsubscribe(session, followed);
                session.subscriptions().remove(followed);
            }
            reply(session, new ServerMessage.Unsubscribed(requestId, "show:" + showId, frames.now()));
        } else if (message instanceof ClientMessage.Subscribe subscribe) {
            subscribe(session, subscribe);
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            String auctionId = CommandFactory.auctionId(unsubscribe.auctionId());
            directory.unsubscribe(session, auctionId);
            session.subscriptions().remove(auctionId);
            reply(session, new ServerMessage.Unsubscribed(requestId, "auction:" + auctionId, frames.now()));
        } else if (message instanceof ClientMessage.SubscribeLobby) {
            directory.subscribeLobby(session);
            reply(session, new ServerMessage.Subscribed(requestId, FrameWriter.LOBBY, frames.now()));
            stats.forNewcomer().ifPresent(current -> reply(session, current));
        } else if (message instanceof ClientMessage.UnsubscribeLobby) {
            directory.unsubscribeLobby(session);
            reply(session, new ServerMessage.Unsubscribed(requestId, FrameWriter.LOBBY, frames.now()));
        } else {
            reply(session, new ServerMessage.Pong(requestId, frames.now()));
        }
    }

    private void submit(ClientSession session, ClientMessage.Command request) {
        signedIn(session);
        commands.submit(session.user(), session.roles(), request).thenAccept(reply -> reply(session, reply));
    }

    private void signedIn(ClientSession session) {
        if (session.user() == null) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "sign in to bid or sell");
        }
        if (session.tokenExpiredAt(clock.instant())) {
            throw new ProtocolException(
                    ErrorCode.TOKEN_EXPIRED, "your sign-in has expired: sign in again to bid (you can keep watching)");
        }
    }

    private void subscribeShow(ClientSession session, ClientMessage.SubscribeShow request) {
        String showId = CommandFactory.showId(request.showId());
        if (request.lastSeq() != null && request.lastSeq() < 0) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "lastSeq must not be negative");
        }
        boolean latestOnly = latestOnly(request.updates());
        session.shows().putIfAbsent(showId, "");
        subscribeShowWhenKnown(session, request, showId, latestOnly, clock.millis() + unknownAuctionWaitMillis);
    }

    /** As {@link #subscribeWhenKnown}: a show created through another instance a moment ago may not be read yet. */
    private void subscribeShowWhenKnown(
            ClientSession session,
            ClientMessage.SubscribeShow request,
            String showId,
            boolean latestOnly,
            long deadlineMillis) {
        if (!session.shows().containsKey(showId)
                || shows.subscribe(
                        session,
                        request.requestId(),
                        showId,
                        request.lastSeq(),
                        auctionId -> followLot(session, showId, auctionId, latestOnly))) {
            return;
        }
        if (clock.millis() >= deadlineMillis) {
            session.shows().remove(showId);
            refuse(session, request.requestId(), ErrorCode.SHOW_NOT_FOUND, "there is no show " + showId);
            return;
        }
        retries.schedule(
                () -> subscribeShowWhenKnown(session, request, showId, latestOnly, deadlineMillis),
                SUBSCRIBE_RETRY_MILLIS);
    }

    /**
     * Moves a viewer of a show onto the auction of the lot that started: off the previous lot's, which has ended, and
     * onto the new one's as for {@code subscribe}, once its creation has reached this instance.
     */
    private void followLot(ClientSession session, String showId, String auctionId, boolean latestOnly) {
        String previous = session.shows().replace(showId, auctionId);
        if (previous == null || previous.equals(auctionId)) {
            return;
        }
        if (!previous.isEmpty()) {
            directory.unsubscribe(session, previous);
            session.subscriptions().remove(previous);
        }
        session.subscriptions().add(auctionId);
        // Not on the thread that reads the auction's creation: thousands of viewers are attached at that moment.
        directory.whenKnown(auctionId, () -> retries.schedule(() -> attach(session, showId, auctionId, latestOnly), 0));
    }

    /**
     * Attaches a viewer to the running lot's auction, once this instance has read its creation. That comes a step after
     * the show's news (the auctions' engine creates the auction from the show's run), and seconds later while a
     * processor fails over; the show's log says the auction exists, so the viewer waits for it as long as it takes, is
     * attached the moment it is read, and is never told it does not exist. A viewer that moved on meanwhile is not.
     */
    private void attach(ClientSession session, String showId, String auctionId, boolean latestOnly) {
        if (auctionId.equals(session.shows().get(showId))
                && session.subscriptions().contains(auctionId)) {
            directory.subscribe(session, null, auctionId, null, latestOnly);
        }
    }

    private void subscribe(ClientSession session, ClientMessage.Subscribe request) {
        String auctionId = CommandFactory.auctionId(request.auctionId());
        if (request.lastSeq() != null && request.lastSeq() < 0) {
            throw new ProtocolException(ErrorCode.INVALID_MESSAGE, "lastSeq must not be negative");
        }
        boolean latestOnly = latestOnly(request.updates());
        session.subscriptions().add(auctionId);
        subscribeWhenKnown(session, request, auctionId, latestOnly, clock.millis() + unknownAuctionWaitMillis);
    }

    /**
     * Subscribes, or, if the auction is not known yet, tries again for a moment: another gateway instance may have
     * announced it a few milliseconds before this one read it. A client that unsubscribed meanwhile stops the tries.
     */
    private void subscribeWhenKnown(
            ClientSession session,
            ClientMessage.Subscribe request,
            String auctionId,
            boolean latestOnly,
            long deadlineMillis) {
        if (!session.subscriptions().contains(auctionId)
                || directory.subscribe(session, request.requestId(), auctionId, request.lastSeq(), latestOnly)) {
            return;
        }
        if (clock.millis() >= deadlineMillis) {
            session.subscriptions().remove(auctionId);
            refuse(session, request.requestId(), ErrorCode.AUCTION_NOT_FOUND, "there is no auction " + auctionId);
            return;
        }
        retries.schedule(
                () -> subscribeWhenKnown(session, request, auctionId, latestOnly, deadlineMillis),
                SUBSCRIBE_RETRY_MILLIS);
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

    private void refuse(ClientSession session, String requestId, ErrorCode code, String message) {
        reply(session, frames.error(requestId, code, message));
    }

    private void reply(ClientSession session, ServerMessage message) {
        session.send(frames.encode(message));
    }
}
