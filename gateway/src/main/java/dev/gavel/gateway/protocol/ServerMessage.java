package dev.gavel.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.ModerationAction;
import dev.gavel.events.Outcome;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.util.RawValue;

/**
 * What the gateway sends over the WebSocket. Every message carries {@code serverTime} (epoch millis when it was
 * written), so clients can correct their countdown for clock skew; replies carry the {@code requestId} they answer.
 * Public events carry the auction's {@code seq}: a client that sees a jump in seq has missed events and is always
 * told so by a {@code snapshot}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ServerMessage.AuctionCreated.class),
    @JsonSubTypes.Type(ServerMessage.Snapshot.class),
    @JsonSubTypes.Type(ServerMessage.AuctionState.class),
    @JsonSubTypes.Type(ServerMessage.BidUpdated.class),
    @JsonSubTypes.Type(ServerMessage.AuctionExtended.class),
    @JsonSubTypes.Type(ServerMessage.AuctionEnded.class),
    @JsonSubTypes.Type(ServerMessage.Events.class),
    @JsonSubTypes.Type(ServerMessage.BidAccepted.class),
    @JsonSubTypes.Type(ServerMessage.BidRejected.class),
    @JsonSubTypes.Type(ServerMessage.AuctionCancelled.class),
    @JsonSubTypes.Type(ServerMessage.Moderated.class),
    @JsonSubTypes.Type(ServerMessage.Subscribed.class),
    @JsonSubTypes.Type(ServerMessage.Unsubscribed.class),
    @JsonSubTypes.Type(ServerMessage.Stats.class),
    @JsonSubTypes.Type(ServerMessage.Pong.class),
    @JsonSubTypes.Type(ServerMessage.Error.class),
    @JsonSubTypes.Type(ServerMessage.ShowAccepted.class),
    @JsonSubTypes.Type(ServerMessage.PreBidAccepted.class),
    @JsonSubTypes.Type(ServerMessage.ShowSnapshot.class),
    @JsonSubTypes.Type(ServerMessage.ShowUpdated.class),
    @JsonSubTypes.Type(ServerMessage.ShowAudience.class)
})
public sealed interface ServerMessage {

    long serverTime();

    /**
     * To the creator (with {@code requestId}), to the lobby (with {@code "channel":"lobby"}), and to a subscriber that
     * resumes from seq 0 (with neither).
     */
    @JsonTypeName("auction-created")
    record AuctionCreated(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
            AuctionDto auction,
            @JsonInclude(JsonInclude.Include.NON_NULL) String channel,
            long serverTime)
            implements ServerMessage {}

    /** The whole auction: on subscribe, or with {@code resync} when the events missed since lastSeq are gone. */
    @JsonTypeName("snapshot")
    record Snapshot(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
            AuctionDto auction,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean resync,
            long serverTime)
            implements ServerMessage {}

    /**
     * The latest state of an auction, to a subscriber of the latest state only: the fields of the auction object that
     * change while it runs, after the {@code snapshot} it had on subscribing gave it the others. The ending fields
     * come once it has ended. {@code seq} is the auction's latest event; it moves on by any number.
     */
    @JsonTypeName("auction-state")
    record AuctionState(
            String auctionId,
            long seq,
            AuctionStatus status,
            BigDecimal currentBid,
            UserDto leader,
            int bidCount,
            BigDecimal minimumNextBid,
            boolean buyNowAvailable,
            boolean reserveMet,
            long endsAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Outcome outcome,
            @JsonInclude(JsonInclude.Include.NON_NULL) UserDto winner,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal finalPrice,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long endedAt,
            long serverTime)
            implements ServerMessage {}

    /**
     * A bid was accepted. {@code bidder} placed {@code amount}; {@code leader} and {@code currentBid} are the state
     * after it (a proxy bid may have answered at once). {@code placedAt} is when the gateway received the bid, for bid
     * histories: {@code serverTime} is when this message was written, which for a replayed event is later.
     */
    @JsonTypeName("bid-updated")
    record BidUpdated(
            String auctionId,
            long seq,
            BigDecimal amount,
            UserDto bidder,
            BigDecimal currentBid,
            UserDto leader,
            int bidCount,
            BigDecimal minimumNextBid,
            boolean reserveMet,
            long endsAt,
            long placedAt,
            long serverTime)
            implements ServerMessage {}

    @JsonTypeName("auction-extended")
    record AuctionExtended(String auctionId, long seq, long endsAt, long previousEndsAt, long serverTime)
            implements ServerMessage {}

    @JsonTypeName("auction-ended")
    record AuctionEnded(
            String auctionId,
            long seq,
            Outcome outcome,
            UserDto winner,
            BigDecimal finalPrice,
            int bidCount,
            long endedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String channel,
            long serverTime)
            implements ServerMessage {}

    /**
     * Several events of one auction that came within one frame interval, in seq order. Each element is the message
     * the event would have been on its own.
     */
    @JsonTypeName("events")
    record Events(String auctionId, List<RawValue> events, long serverTime) implements ServerMessage {}

    /**
     * Your bid (or buy-now) was accepted. {@code leading} says whether you are winning now; {@code repeated} that
     * this answers a retry of a bid already decided.
     */
    @JsonTypeName("bid-accepted")
    record BidAccepted(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
            String auctionId,
            BigDecimal amount,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal maxAmount,
            BigDecimal currentBid,
            boolean leading,
            @JsonInclude(JsonInclude.Include.NON_NULL) String bidId,
            boolean buyNow,
            boolean repeated,
            long serverTime)
            implements ServerMessage {}

    @JsonTypeName("bid-rejected")
    record BidRejected(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
            String auctionId,
            String reason,
            BigDecimal minimumBid,
            String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) String bidId,
            long serverTime)
            implements ServerMessage {}

    @JsonTypeName("auction-cancelled")
    record AuctionCancelled(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId, String auctionId, long serverTime)
            implements ServerMessage {}

    /** A moderator's action was carried out; an end or a cancel also reaches every subscriber as auction-ended. */
    @JsonTypeName("moderated")
    record Moderated(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
            String auctionId,
            ModerationAction action,
            @JsonInclude(JsonInclude.Include.NON_NULL) String bidderId,
            long serverTime)
            implements ServerMessage {}

    /** Lobby subscription confirmed. */
    @JsonTypeName("subscribed")
    record Subscribed(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId, String channel, long serverTime)
            implements ServerMessage {}

    @JsonTypeName("unsubscribed")
    record Unsubscribed(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId, String channel, long serverTime)
            implements ServerMessage {}

    /** To the lobby: the latest statistics of the show, when they changed (at most once a second), and on joining. */
    @JsonTypeName("stats")
    record Stats(StatsDto stats, long serverTime) implements ServerMessage {}

    @JsonTypeName("pong")
    record Pong(@JsonInclude(JsonInclude.Include.NON_NULL) String requestId, long serverTime)
            implements ServerMessage {}

    /** {@code code} is an {@link ErrorCode} or, for a refused create or cancel, the processor's rejection reason. */
    @JsonTypeName("error")
    record Error(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId, String code, String message, long serverTime)
            implements ServerMessage {}

    /**
     * A host's show command was carried out: {@code command} is its type, {@code seq} the show event that recorded it,
     * {@code lotNo} the lot it concerned (for add-lot, the new lot's number), {@code show} the show after it.
     */
    @JsonTypeName("show-accepted")
    record ShowAccepted(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
            String showId,
            String command,
            long seq,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer lotNo,
            ShowDto show,
            boolean repeated,
            long serverTime)
            implements ServerMessage {}

    /** Your pre-bid is kept, privately, until the lot runs; a later one of yours on the same lot replaces it. */
    @JsonTypeName("pre-bid-accepted")
    record PreBidAccepted(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
            String showId,
            int lotNo,
            BigDecimal maxAmount,
            @JsonInclude(JsonInclude.Include.NON_NULL) String bidId,
            boolean repeated,
            long serverTime)
            implements ServerMessage {}

    /** The whole show: on subscribe-show, or with {@code resync} when the client's lastSeq is behind. */
    @JsonTypeName("show-snapshot")
    record ShowSnapshot(
            @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
            ShowDto show,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean resync,
            long serverTime)
            implements ServerMessage {}

    /**
     * The show changed: {@code change} is the show event's type ({@code lot-started}, {@code lot-ended}, ...), {@code
     * lotNo} the lot it concerned, {@code show} the whole show after it. {@code seq} grows by exactly one.
     */
    @JsonTypeName("show-updated")
    record ShowUpdated(
            String showId,
            long seq,
            String change,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer lotNo,
            ShowDto show,
            long serverTime)
            implements ServerMessage {}

    /** How many people watch the show, on every gateway: to its viewers, when it changed, at most once a second. */
    @JsonTypeName("show-viewers")
    record ShowAudience(String showId, int viewers, long serverTime) implements ServerMessage {}
}
