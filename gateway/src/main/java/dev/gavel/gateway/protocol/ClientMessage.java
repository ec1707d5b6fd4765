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
    @JsonSubTypes.Type(ClientMessage.Ping.class)
})
public sealed interface ClientMessage {

    /** Echoed in the reply, so a client can match replies to requests. Optional. */
    String requestId();

    /** A message that asks the processor to change something; it gets exactly one reply. */
    sealed interface Command extends ClientMessage {}

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
}
