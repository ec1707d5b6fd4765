package dev.gavel.gateway.protocol;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionView;
import java.time.Clock;
import java.util.List;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/** Turns server messages into text frames. A public event is encoded once, whatever the number of subscribers. */
public final class FrameWriter {

    private static final ObjectWriter WRITER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build()
            .writerFor(ServerMessage.class);

    private final Clock clock;

    public FrameWriter(Clock clock) {
        this.clock = clock;
    }

    public long now() {
        return clock.millis();
    }

    /** Writes {@code message} straight to UTF-8: a frame that may go to many connections as the same bytes. */
    public TextFrame encode(ServerMessage message) {
        return TextFrame.ofUtf8(WRITER.writeValueAsBytes(message));
    }

    /** The message an auction's subscribers are sent for one of its events. */
    public ServerMessage forSubscribers(AuctionEvent event) {
        return message(event, null);
    }

    /**
     * The message the lobby is sent for a creation or an ending: marked {@code "channel":"lobby"}, so that a client
     * that also follows the auction can tell it from the auction's own stream.
     */
    public ServerMessage forLobby(AuctionEvent event) {
        return message(event, LOBBY);
    }

    public static final String LOBBY = "lobby";

    private ServerMessage message(AuctionEvent event, String channel) {
        long now = now();
        if (event instanceof AuctionEvent.BidPlaced bid) {
            return new ServerMessage.BidUpdated(
                    bid.auctionId(),
                    bid.seq(),
                    Amounts.decimal(bid.amountCents()),
                    UserDto.of(bid.bidder()),
                    Amounts.decimal(bid.currentBidCents()),
                    UserDto.of(bid.leader()),
                    bid.bidCount(),
                    Amounts.decimal(bid.minimumNextBidCents()),
                    bid.reserveMet(),
                    bid.endsAt().toEpochMilli(),
                    bid.at().toEpochMilli(),
                    now);
        }
        if (event instanceof AuctionEvent.AuctionExtended extended) {
            return new ServerMessage.AuctionExtended(
                    extended.auctionId(),
                    extended.seq(),
                    extended.endsAt().toEpochMilli(),
                    extended.previousEndsAt().toEpochMilli(),
                    now);
        }
        if (event instanceof AuctionEvent.AuctionEnded ended) {
            return new ServerMessage.AuctionEnded(
                    ended.auctionId(),
                    ended.seq(),
                    ended.outcome(),
                    UserDto.of(ended.winner()),
                    Amounts.decimal(ended.finalPriceCents()),
                    ended.bidCount(),
                    ended.at().toEpochMilli(),
                    channel,
                    now);
        }
        return new ServerMessage.AuctionCreated(
                null, AuctionDto.of(((AuctionEvent.AuctionCreated) event).auction()), channel, now);
    }

    /** Events of one auction that go out in one frame; {@code written} are their frames as written on their own. */
    public ServerMessage.Events events(String auctionId, List<TextFrame> written) {
        return new ServerMessage.Events(
                auctionId,
                written.stream().map(frame -> new RawValue(frame.text())).toList(),
                now());
    }

    public ServerMessage.Snapshot snapshot(String requestId, AuctionView view, boolean resync) {
        return new ServerMessage.Snapshot(requestId, AuctionDto.of(view), resync ? Boolean.TRUE : null, now());
    }

    public ServerMessage.AuctionState state(AuctionView view) {
        return new ServerMessage.AuctionState(
                view.id(),
                view.seq(),
                view.status(),
                Amounts.decimal(view.currentBidCents()),
                UserDto.of(view.leader()),
                view.bidCount(),
                Amounts.decimal(view.minimumNextBidCents()),
                view.buyNowAvailable(),
                view.reserveMet(),
                view.endsAt().toEpochMilli(),
                view.outcome(),
                UserDto.of(view.winner()),
                Amounts.decimal(view.finalPriceCents()),
                view.endedAt() == null ? null : view.endedAt().toEpochMilli(),
                now());
    }

    public ServerMessage.Error error(String requestId, ErrorCode code, String message) {
        return error(requestId, code.name(), message);
    }

    public ServerMessage.Error error(String requestId, String code, String message) {
        return new ServerMessage.Error(requestId, code, message, now());
    }
}
