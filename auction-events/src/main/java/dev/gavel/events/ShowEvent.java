package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Objects;

/**
 * The public history of a show on {@value Topics#SHOW_EVENTS}, keyed by show id. Per show, {@code seq} starts at 1
 * with {@link ShowCreated} and grows by exactly one per event; {@link ShowEnded} is always the last. Events carry no
 * private data: no pre-bid amounts, no reserve prices. What happens inside a running lot (its bids, extensions and
 * end) is on the lot's auction, {@link LotStarted#auctionId()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ShowEvent.ShowCreated.class),
    @JsonSubTypes.Type(ShowEvent.LotAdded.class),
    @JsonSubTypes.Type(ShowEvent.LotRemoved.class),
    @JsonSubTypes.Type(ShowEvent.LotMoved.class),
    @JsonSubTypes.Type(ShowEvent.ShowStarted.class),
    @JsonSubTypes.Type(ShowEvent.LotStarted.class),
    @JsonSubTypes.Type(ShowEvent.LotEnded.class),
    @JsonSubTypes.Type(ShowEvent.ShowEnded.class)
})
public sealed interface ShowEvent {

    String showId();

    long seq();

    /** The time the event took effect: the receipt time of the command that caused it. */
    Instant at();

    /** The command that caused this event. */
    String commandId();

    @JsonIgnore
    default String eventType() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    @JsonTypeName("show-created")
    record ShowCreated(String showId, long seq, Instant at, String commandId, ShowView show) implements ShowEvent {

        public ShowCreated {
            Objects.requireNonNull(show, "show");
        }
    }

    /** A lot joined the end of the lineup. */
    @JsonTypeName("lot-added")
    record LotAdded(String showId, long seq, Instant at, String commandId, LotView lot) implements ShowEvent {

        public LotAdded {
            Objects.requireNonNull(lot, "lot");
        }
    }

    @JsonTypeName("lot-removed")
    record LotRemoved(String showId, long seq, Instant at, String commandId, int lotNo) implements ShowEvent {}

    /** The lot is now at {@code position} (from 0) of the lineup; the others keep their order. */
    @JsonTypeName("lot-moved")
    record LotMoved(String showId, long seq, Instant at, String commandId, int lotNo, int position)
            implements ShowEvent {}

    @JsonTypeName("show-started")
    record ShowStarted(String showId, long seq, Instant at, String commandId) implements ShowEvent {}

    /**
     * The lot runs: its auction {@code auctionId} opened at {@code at} and ends at {@code endsAt} unless bids in its
     * soft close move the end (the auction's own events say so). {@code preBids} pre-bids were placed on it.
     */
    @JsonTypeName("lot-started")
    record LotStarted(
            String showId,
            long seq,
            Instant at,
            String commandId,
            int lotNo,
            String auctionId,
            int run,
            Instant endsAt,
            AuctionMode mode,
            long softCloseMs,
            int preBids)
            implements ShowEvent {}

    /** The running lot's auction ended; {@code at} is its {@code endedAt}. */
    @JsonTypeName("lot-ended")
    record LotEnded(
            String showId,
            long seq,
            Instant at,
            String commandId,
            int lotNo,
            String auctionId,
            Outcome outcome,
            UserRef winner,
            Long finalPriceCents)
            implements ShowEvent {}

    /** Exactly one per show, and the last of its events. */
    @JsonTypeName("show-ended")
    record ShowEnded(String showId, long seq, Instant at, String commandId, int lotsSold) implements ShowEvent {}
}
