package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Objects;

/**
 * The public history of an auction on {@value Topics#AUCTION_EVENTS}. Per auction, {@code seq} starts at 1 with
 * {@link AuctionCreated} and grows by exactly one per event; {@link AuctionEnded} is always the last. Events carry no
 * private data: no maximum bids, no reserve price.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(AuctionEvent.AuctionCreated.class),
    @JsonSubTypes.Type(AuctionEvent.BidPlaced.class),
    @JsonSubTypes.Type(AuctionEvent.AuctionExtended.class),
    @JsonSubTypes.Type(AuctionEvent.AuctionEnded.class)
})
public sealed interface AuctionEvent {

    String auctionId();

    long seq();

    /** The time the event took effect: the receipt time of the command that caused it. */
    Instant at();

    /** The command that caused this event. */
    String commandId();

    @JsonIgnore
    default String eventType() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    @JsonTypeName("auction-created")
    record AuctionCreated(String auctionId, long seq, Instant at, String commandId, AuctionView auction)
            implements AuctionEvent {

        public AuctionCreated {
            Objects.requireNonNull(auction, "auction");
        }
    }

    /**
     * A bid was accepted. {@code amountCents} is the bid as the history shows it; {@code currentBidCents} and
     * {@code leader} are the state after it, which may differ when a proxy bid answered it at once.
     */
    @JsonTypeName("bid-placed")
    record BidPlaced(
            String auctionId,
            long seq,
            Instant at,
            String commandId,
            UserRef bidder,
            long amountCents,
            long currentBidCents,
            UserRef leader,
            int bidCount,
            long minimumNextBidCents,
            boolean reserveMet,
            Instant endsAt)
            implements AuctionEvent {}

    /** A late bid moved the end (soft close). */
    @JsonTypeName("auction-extended")
    record AuctionExtended(
            String auctionId, long seq, Instant at, String commandId, Instant endsAt, Instant previousEndsAt)
            implements AuctionEvent {}

    /** Exactly one per auction, and the last of its events. */
    @JsonTypeName("auction-ended")
    record AuctionEnded(
            String auctionId,
            long seq,
            Instant at,
            String commandId,
            Outcome outcome,
            UserRef winner,
            Long finalPriceCents,
            int bidCount)
            implements AuctionEvent {}
}
