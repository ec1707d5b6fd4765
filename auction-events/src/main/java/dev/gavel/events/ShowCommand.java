package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Objects;

/**
 * What someone asked a show to do, as recorded on {@value Topics#SHOW_COMMANDS}, keyed by show id. The gateway stamps
 * user commands with the issuer, a command id and the time it received them, as for auctions. {@link
 * LotAuctionEnded} is written by the auctions' engine when the auction of a lot's run ends, so that the show's
 * command log alone decides every show event and can be replayed.
 *
 * <p>Lots are numbered by the show in the order they are added ({@code lotNo}, from 1, never reused); their place in
 * the lineup is separate and may change. Amounts are integer minor units (cents).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ShowCommand.CreateShow.class),
    @JsonSubTypes.Type(ShowCommand.AddLot.class),
    @JsonSubTypes.Type(ShowCommand.RemoveLot.class),
    @JsonSubTypes.Type(ShowCommand.MoveLot.class),
    @JsonSubTypes.Type(ShowCommand.StartShow.class),
    @JsonSubTypes.Type(ShowCommand.RunLot.class),
    @JsonSubTypes.Type(ShowCommand.PlacePreBid.class),
    @JsonSubTypes.Type(ShowCommand.EndShow.class),
    @JsonSubTypes.Type(ShowCommand.LotAuctionEnded.class)
})
public sealed interface ShowCommand {

    /** Unique per command; a command repeated with the same id gets its original outcome again. */
    String commandId();

    String showId();

    /** When the gateway received the command (for {@link LotAuctionEnded}: when the lot's auction ended). */
    Instant receivedAt();

    /** The user who issued the command, or null for system commands. */
    @JsonIgnore
    UserRef issuer();

    /** The {@code type} discriminator of this command on the wire. */
    @JsonIgnore
    default String commandType() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    /** A seller announces a show; they host it. */
    @JsonTypeName("create-show")
    record CreateShow(
            String commandId, String showId, Instant receivedAt, UserRef host, String title, Instant scheduledStart)
            implements ShowCommand {

        public CreateShow {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(host, "host");
        }

        @Override
        public UserRef issuer() {
            return host;
        }
    }

    /** The host prepares a lot: it goes to the end of the lineup. Its timer and mode are chosen when it is run. */
    @JsonTypeName("add-lot")
    record AddLot(
            String commandId,
            String showId,
            Instant receivedAt,
            UserRef host,
            String title,
            String description,
            long startingPriceCents,
            Long reservePriceCents,
            Long buyNowPriceCents)
            implements ShowCommand {

        public AddLot {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(host, "host");
        }

        @Override
        public UserRef issuer() {
            return host;
        }
    }

    /** The host takes a lot that is not running and not sold out of the lineup; its pre-bids are dropped. */
    @JsonTypeName("remove-lot")
    record RemoveLot(String commandId, String showId, Instant receivedAt, UserRef host, int lotNo)
            implements ShowCommand {

        public RemoveLot {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(host, "host");
        }

        @Override
        public UserRef issuer() {
            return host;
        }
    }

    /** The host moves a lot to {@code position} (from 0) of the lineup. */
    @JsonTypeName("move-lot")
    record MoveLot(String commandId, String showId, Instant receivedAt, UserRef host, int lotNo, int position)
            implements ShowCommand {

        public MoveLot {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(host, "host");
        }

        @Override
        public UserRef issuer() {
            return host;
        }
    }

    /** The host goes live. */
    @JsonTypeName("start-show")
    record StartShow(String commandId, String showId, Instant receivedAt, UserRef host) implements ShowCommand {

        public StartShow {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(host, "host");
        }

        @Override
        public UserRef issuer() {
            return host;
        }
    }

    /**
     * The host runs a lot: its auction opens at {@code receivedAt} with the timer and mode chosen now (defaults as for
     * {@code create-auction}), and its pre-bids are placed on it in the order they were received.
     */
    @JsonTypeName("run-lot")
    record RunLot(
            String commandId,
            String showId,
            Instant receivedAt,
            UserRef host,
            int lotNo,
            long durationMs,
            AuctionMode mode,
            Long softCloseMs,
            Long maxExtensionMs)
            implements ShowCommand {

        public RunLot {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(host, "host");
        }

        @Override
        public UserRef issuer() {
            return host;
        }
    }

    /**
     * A maximum bid on a lot that has not started yet, kept private until the lot runs; a bidder's later pre-bid on
     * the same lot replaces the earlier one.
     */
    @JsonTypeName("place-pre-bid")
    record PlacePreBid(
            String commandId, String showId, Instant receivedAt, UserRef bidder, int lotNo, long maxAmountCents)
            implements ShowCommand {

        public PlacePreBid {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(bidder, "bidder");
        }

        @Override
        public UserRef issuer() {
            return bidder;
        }
    }

    /** The host ends the show; lots not sold stay unsold. */
    @JsonTypeName("end-show")
    record EndShow(String commandId, String showId, Instant receivedAt, UserRef host) implements ShowCommand {

        public EndShow {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(host, "host");
        }

        @Override
        public UserRef issuer() {
            return host;
        }
    }

    /**
     * Written by the auctions' engine, in the transaction of the {@code auction-ended} event, when the auction of a
     * lot's run ended ({@link LotIds}); {@code receivedAt} is its {@code endedAt}.
     */
    @JsonTypeName("lot-auction-ended")
    record LotAuctionEnded(
            String commandId,
            String showId,
            Instant receivedAt,
            String auctionId,
            Outcome outcome,
            UserRef winner,
            Long finalPriceCents)
            implements ShowCommand {

        public LotAuctionEnded {
            requireIdentity(commandId, showId, receivedAt);
            Objects.requireNonNull(auctionId, "auctionId");
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public UserRef issuer() {
            return null;
        }
    }

    private static void requireIdentity(String commandId, String showId, Instant receivedAt) {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(showId, "showId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
