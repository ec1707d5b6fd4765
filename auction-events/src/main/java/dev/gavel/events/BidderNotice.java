package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;

/**
 * Private outcomes on {@value Topics#BID_REJECTIONS}, meant only for the user who issued the command: every rejection,
 * and the confirmations that have no public event (a leader raising their own maximum, a repeated command).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(BidderNotice.CommandRejected.class),
    @JsonSubTypes.Type(BidderNotice.CommandConfirmed.class)
})
public sealed interface BidderNotice {

    String commandId();

    String auctionId();

    /** The {@code type} of the command this answers, e.g. {@code place-bid}. */
    String commandType();

    UserRef user();

    Instant at();

    /** The command changed nothing. {@code minimumBidCents} is the lowest acceptable bid now, if the auction is open. */
    @JsonTypeName("command-rejected")
    record CommandRejected(
            String commandId,
            String auctionId,
            String commandType,
            UserRef user,
            Instant at,
            RejectionReason reason,
            String message,
            Long minimumBidCents)
            implements BidderNotice {}

    /**
     * The command was accepted earlier or needs no public event. {@code repeated} is true when this answers a
     * command id seen before; {@code seq} is then the public event that recorded the original, if any.
     */
    @JsonTypeName("command-confirmed")
    record CommandConfirmed(
            String commandId,
            String auctionId,
            String commandType,
            UserRef user,
            Instant at,
            Long amountCents,
            Long maxAmountCents,
            Long currentBidCents,
            boolean leading,
            boolean repeated,
            Long seq)
            implements BidderNotice {}
}
