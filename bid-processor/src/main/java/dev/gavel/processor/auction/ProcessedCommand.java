package dev.gavel.processor.auction;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.BuyNow;
import dev.gavel.events.AuctionCommand.CancelAuction;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.ModerateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.RejectionReason;
import java.util.Arrays;
import java.util.List;

/**
 * The memory of a user command already decided, so that a repeated command (a client retrying with the same id)
 * gets its original outcome again and changes nothing.
 *
 * @param fingerprint exactly what the command asked for, so that an id reused for a different command is refused
 * @param reply the original outcome
 */
public record ProcessedCommand(String fingerprint, BidderNotice reply) {

    public static ProcessedCommand of(AuctionCommand command, BidderNotice reply) {
        return new ProcessedCommand(fingerprint(command), reply);
    }

    /**
     * The answer to {@code repeat}, a command with the same id as the one remembered.
     *
     * @param minimumBidCents the auction's minimum bid now, told like with every other rejection when the id was
     *     reused for a different command
     */
    public BidderNotice answer(AuctionCommand repeat, Long minimumBidCents) {
        if (!fingerprint.equals(fingerprint(repeat))) {
            return new CommandRejected(
                    repeat.commandId(),
                    repeat.auctionId(),
                    repeat.commandType(),
                    repeat.issuer(),
                    repeat.receivedAt(),
                    RejectionReason.DUPLICATE_COMMAND_ID,
                    "this id was already used for a different command",
                    minimumBidCents);
        }
        if (reply instanceof CommandConfirmed confirmed) {
            return new CommandConfirmed(
                    confirmed.commandId(),
                    confirmed.auctionId(),
                    confirmed.commandType(),
                    confirmed.user(),
                    confirmed.at(),
                    confirmed.amountCents(),
                    confirmed.maxAmountCents(),
                    confirmed.currentBidCents(),
                    confirmed.leading(),
                    true,
                    confirmed.seq());
        }
        return reply;
    }

    /**
     * The request as a JSON array of strings and numbers: stable across JVMs (enum hash codes are not), and exact. A
     * hash would let different requests collide, such as a bid of 50.00 and a maximum of 1550.00 by the same user.
     */
    static String fingerprint(AuctionCommand command) {
        String issuer = command.issuer() == null ? null : command.issuer().id();
        List<Object> request;
        if (command instanceof PlaceBid bid) {
            request = Arrays.asList(command.commandType(), issuer, bid.amountCents(), bid.maxAmountCents());
        } else if (command instanceof CreateAuction create) {
            request = Arrays.asList(
                    command.commandType(),
                    issuer,
                    create.title(),
                    create.description(),
                    create.startingPriceCents(),
                    create.durationMs(),
                    create.reservePriceCents(),
                    create.buyNowPriceCents(),
                    create.mode() == null ? null : create.mode().name(),
                    create.softCloseMs(),
                    create.maxExtensionMs());
        } else if (command instanceof ModerateAuction moderate) {
            request = Arrays.asList(
                    command.commandType(),
                    issuer,
                    moderate.role() == null ? null : moderate.role().name(),
                    moderate.action() == null ? null : moderate.action().name(),
                    moderate.bidderId());
        } else if (command instanceof BuyNow || command instanceof CancelAuction) {
            request = Arrays.asList(command.commandType(), issuer);
        } else {
            request = List.of(command.commandType());
        }
        return JsonSerde.MAPPER.writeValueAsString(request);
    }
}
