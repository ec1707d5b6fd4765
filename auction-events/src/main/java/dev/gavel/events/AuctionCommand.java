package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Objects;

/**
 * What someone asked an auction to do, as recorded on {@value Topics#AUCTION_COMMANDS}. The gateway stamps user
 * commands with the issuer taken from the token, a command id and the time it received them; the processor judges
 * every command by that time. {@link CloseAuction} and {@link ExpireAuction} are written by the processor itself so
 * that the command log alone decides every outcome and can be replayed. {@link GatewayWatermark} is no auction's: a
 * gateway's promise about what it has written to one partition.
 *
 * <p>Amounts are integer minor units (cents). Only identity fields are required to read a command; every other
 * field is judged by the processor, which rejects what is wrong with a reason.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(AuctionCommand.CreateAuction.class),
    @JsonSubTypes.Type(AuctionCommand.PlaceBid.class),
    @JsonSubTypes.Type(AuctionCommand.BuyNow.class),
    @JsonSubTypes.Type(AuctionCommand.CancelAuction.class),
    @JsonSubTypes.Type(AuctionCommand.ModerateAuction.class),
    @JsonSubTypes.Type(AuctionCommand.CloseAuction.class),
    @JsonSubTypes.Type(AuctionCommand.ExpireAuction.class),
    @JsonSubTypes.Type(AuctionCommand.GatewayWatermark.class)
})
public sealed interface AuctionCommand {

    /** Unique per command; a command repeated with the same id gets its original outcome again. */
    String commandId();

    /** The auction the command is for; null only for a {@link GatewayWatermark}, which is no auction's. */
    String auctionId();

    /** When the gateway received the command (or, for system commands, when the processor decided). */
    Instant receivedAt();

    /** The user who issued the command, or null for system commands. */
    @JsonIgnore
    UserRef issuer();

    /** The {@code type} discriminator of this command on the wire. */
    @JsonIgnore
    default String commandType() {
        return getClass().getAnnotation(JsonTypeName.class).value();
    }

    @JsonTypeName("create-auction")
    record CreateAuction(
            String commandId,
            String auctionId,
            Instant receivedAt,
            UserRef seller,
            String title,
            String description,
            long startingPriceCents,
            long durationMs,
            Long reservePriceCents,
            Long buyNowPriceCents,
            AuctionMode mode,
            Long softCloseMs,
            Long maxExtensionMs)
            implements AuctionCommand {

        public CreateAuction {
            requireIdentity(commandId, auctionId, receivedAt);
            Objects.requireNonNull(seller, "seller");
        }

        @Override
        public UserRef issuer() {
            return seller;
        }
    }

    /** A bid: a plain {@code amountCents}, a proxy {@code maxAmountCents}, or both (amount at most max). */
    @JsonTypeName("place-bid")
    record PlaceBid(
            String commandId,
            String auctionId,
            Instant receivedAt,
            UserRef bidder,
            Long amountCents,
            Long maxAmountCents)
            implements AuctionCommand {

        public PlaceBid {
            requireIdentity(commandId, auctionId, receivedAt);
            Objects.requireNonNull(bidder, "bidder");
        }

        @Override
        public UserRef issuer() {
            return bidder;
        }
    }

    @JsonTypeName("buy-now")
    record BuyNow(String commandId, String auctionId, Instant receivedAt, UserRef buyer) implements AuctionCommand {

        public BuyNow {
            requireIdentity(commandId, auctionId, receivedAt);
            Objects.requireNonNull(buyer, "buyer");
        }

        @Override
        public UserRef issuer() {
            return buyer;
        }
    }

    @JsonTypeName("cancel-auction")
    record CancelAuction(String commandId, String auctionId, Instant receivedAt, UserRef seller)
            implements AuctionCommand {

        public CancelAuction {
            requireIdentity(commandId, auctionId, receivedAt);
            Objects.requireNonNull(seller, "seller");
        }

        @Override
        public UserRef issuer() {
            return seller;
        }
    }

    /**
     * A moderator's action on a running auction, stamped by the gateway with the acting user and the role their token
     * granted. The rules decide it like any command, so the log replays it exactly; they refuse it unless {@code role}
     * is a moderating one, whatever wrote the record.
     *
     * @param bidderId the user to remove from bidding, for {@link ModerationAction#REMOVE_BIDDER} only
     */
    @JsonTypeName("moderate-auction")
    record ModerateAuction(
            String commandId,
            String auctionId,
            Instant receivedAt,
            UserRef moderator,
            Role role,
            ModerationAction action,
            String bidderId)
            implements AuctionCommand {

        public ModerateAuction {
            requireIdentity(commandId, auctionId, receivedAt);
            Objects.requireNonNull(moderator, "moderator");
        }

        @Override
        public UserRef issuer() {
            return moderator;
        }
    }

    /**
     * Written by the processor when an auction is due to close: every command received before {@code receivedAt} is
     * in the log ahead of it, or is from a gateway no longer waited for. When the gateways' watermarks closed the
     * auction, it records a decision already taken at the last watermark it needed (ADR 19); when the processor's
     * clock wrote it, it ends the auction if, by the time it is read back, the end has not moved past
     * {@code receivedAt}.
     */
    @JsonTypeName("close-auction")
    record CloseAuction(String commandId, String auctionId, Instant receivedAt) implements AuctionCommand {

        public CloseAuction {
            requireIdentity(commandId, auctionId, receivedAt);
        }

        @Override
        public UserRef issuer() {
            return null;
        }
    }

    /** Written by the processor when an ended auction's retention is over: its state is dropped. */
    @JsonTypeName("expire-auction")
    record ExpireAuction(String commandId, String auctionId, Instant receivedAt) implements AuctionCommand {

        public ExpireAuction {
            requireIdentity(commandId, auctionId, receivedAt);
        }

        @Override
        public UserRef issuer() {
            return null;
        }
    }

    /**
     * A gateway instance's progress on one partition: every command it received before {@code receivedBefore} is in
     * the log ahead of this record. Written periodically to every partition by each gateway instance, keyed by the
     * instance id; the processor closes an auction once every live instance has passed its end. Changes no auction
     * and has no outcome: readers of the auctions' commands skip it.
     */
    @JsonTypeName("gateway-watermark")
    record GatewayWatermark(String commandId, String gatewayId, Instant receivedBefore) implements AuctionCommand {

        public GatewayWatermark {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(gatewayId, "gatewayId");
            Objects.requireNonNull(receivedBefore, "receivedBefore");
        }

        @Override
        @JsonIgnore
        public String auctionId() {
            return null;
        }

        /** When the gateway wrote it: everything before was in the log. */
        @Override
        @JsonIgnore
        public Instant receivedAt() {
            return receivedBefore;
        }

        @Override
        public UserRef issuer() {
            return null;
        }
    }

    private static void requireIdentity(String commandId, String auctionId, Instant receivedAt) {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(auctionId, "auctionId");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
