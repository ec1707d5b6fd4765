package dev.gavel.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.ModerationAction;
import java.math.BigDecimal;

/**
 * What a client may send over the WebSocket, one JSON object per text frame, told apart by {@code type}. Read strictly:
 * unknown fields, duplicate fields, wrong types and trailing data are errors. There is no field for the user: identity
 * comes only from the token.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ClientMessage.CreateAuction.class),
    @JsonSubTypes.Type(ClientMessage.PlaceBid.class),
    @JsonSubTypes.Type(ClientMessage.BuyNow.class),
    @JsonSubTypes.Type(ClientMessage.CancelAuction.class),
    @JsonSubTypes.Type(ClientMessage.ModerateAuction.class),
    @JsonSubTypes.Type(ClientMessage.Subscribe.class),
    @JsonSubTypes.Type(ClientMessage.Unsubscribe.class),
    @JsonSubTypes.Type(ClientMessage.SubscribeLobby.class),
    @JsonSubTypes.Type(ClientMessage.UnsubscribeLobby.class),
    @JsonSubTypes.Type(ClientMessage.Ping.class),
    @JsonSubTypes.Type(ClientMessage.CreateShow.class),
    @JsonSubTypes.Type(ClientMessage.AddLot.class),
    @JsonSubTypes.Type(ClientMessage.RemoveLot.class),
    @JsonSubTypes.Type(ClientMessage.MoveLot.class),
    @JsonSubTypes.Type(ClientMessage.StartShow.class),
    @JsonSubTypes.Type(ClientMessage.RunLot.class),
    @JsonSubTypes.Type(ClientMessage.PlacePreBid.class),
    @JsonSubTypes.Type(ClientMessage.EndShow.class),
    @JsonSubTypes.Type(ClientMessage.SubscribeShow.class),
    @JsonSubTypes.Type(ClientMessage.UnsubscribeShow.class)
})
public sealed interface ClientMessage {

    /** Echoed in the reply, so a client can match replies to requests. Optional. */
    String requestId();

    /** A message that asks the processor to change something; it gets exactly one reply. */
    sealed interface Command extends ClientMessage {}

    /** A command to a show; like any command it gets exactly one reply. */
    sealed interface ShowRequest extends ClientMessage {

        /** The show it is for; null only for {@link CreateShow}, whose id the gateway gives. */
        String showId();
    }

    @JsonTypeName("create-auction")
    record CreateAuction(
            String requestId,
            String title,
            String description,
            BigDecimal startingPrice,
            Long durationMs,
            BigDecimal reservePrice,
            BigDecimal buyNowPrice,
            AuctionMode mode,
            Long softCloseMs,
            Long maxExtensionMs)
            implements Command {}

    /** {@code bidId}, when given, makes the bid safe to retry: the same id gets the original outcome. */
    @JsonTypeName("place-bid")
    record PlaceBid(String requestId, String auctionId, BigDecimal amount, BigDecimal maxAmount, String bidId)
            implements Command {}

    @JsonTypeName("buy-now")
    record BuyNow(String requestId, String auctionId) implements Command {}

    @JsonTypeName("cancel-auction")
    record CancelAuction(String requestId, String auctionId) implements Command {}

    /** Moderators and admins only: end or cancel a running auction, or remove {@code bidderId} from bidding on it. */
    @JsonTypeName("moderate-auction")
    record ModerateAuction(String requestId, String auctionId, ModerationAction action, String bidderId)
            implements Command {}

    /**
     * {@code lastSeq}: the last event the client saw, to resume without a gap. {@code updates}: {@code "every"} event
     * (the default) or only the {@code "latest"} state, at most once per frame interval.
     */
    @JsonTypeName("subscribe")
    record Subscribe(String requestId, String auctionId, Long lastSeq, String updates) implements ClientMessage {}

    @JsonTypeName("unsubscribe")
    record Unsubscribe(String requestId, String auctionId) implements ClientMessage {}

    @JsonTypeName("subscribe-lobby")
    record SubscribeLobby(String requestId) implements ClientMessage {}

    @JsonTypeName("unsubscribe-lobby")
    record UnsubscribeLobby(String requestId) implements ClientMessage {}

    /** Answered with {@code pong}: lets a client measure round trip and clock skew. */
    @JsonTypeName("ping")
    record Ping(String requestId) implements ClientMessage {}

    /** A seller announces a show, which they host; {@code scheduledStart} in epoch millis. */
    @JsonTypeName("create-show")
    record CreateShow(String requestId, String title, Long scheduledStart) implements ShowRequest {

        @Override
        public String showId() {
            return null;
        }
    }

    @JsonTypeName("add-lot")
    record AddLot(
            String requestId,
            String showId,
            String title,
            String description,
            BigDecimal startingPrice,
            BigDecimal reservePrice,
            BigDecimal buyNowPrice)
            implements ShowRequest {}

    @JsonTypeName("remove-lot")
    record RemoveLot(String requestId, String showId, Integer lotNo) implements ShowRequest {}

    @JsonTypeName("move-lot")
    record MoveLot(String requestId, String showId, Integer lotNo, Integer position) implements ShowRequest {}

    @JsonTypeName("start-show")
    record StartShow(String requestId, String showId) implements ShowRequest {}

    /** The host runs a lot now, with the timer and mode chosen now. */
    @JsonTypeName("run-lot")
    record RunLot(
            String requestId,
            String showId,
            Integer lotNo,
            Long durationMs,
            AuctionMode mode,
            Long softCloseMs,
            Long maxExtensionMs)
            implements ShowRequest {}

    /** A maximum bid on a lot that has not run yet; {@code bidId} makes it safe to retry, as for bids. */
    @JsonTypeName("place-pre-bid")
    record PlacePreBid(String requestId, String showId, Integer lotNo, BigDecimal maxAmount, String bidId)
            implements ShowRequest {}

    @JsonTypeName("end-show")
    record EndShow(String requestId, String showId) implements ShowRequest {}

    /**
     * A show's snapshot, then every change of it; the viewer also follows whichever lot runs, as it starts, with
     * {@code updates} as for {@code subscribe}. {@code lastSeq}: the show's last seq the client saw.
     */
    @JsonTypeName("subscribe-show")
    record SubscribeShow(String requestId, String showId, Long lastSeq, String updates) implements ClientMessage {}

    @JsonTypeName("unsubscribe-show")
    record UnsubscribeShow(String requestId, String showId) implements ClientMessage {}
}
