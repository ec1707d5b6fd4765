package dev.gavel.gateway.command;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionLimits;
import dev.gavel.events.LotIds;
import dev.gavel.events.ModerationAction;
import dev.gavel.events.Role;
import dev.gavel.events.ShowCommand;
import dev.gavel.events.UserRef;
import dev.gavel.events.Validation;
import dev.gavel.gateway.protocol.Amounts;
import dev.gavel.gateway.protocol.Amounts.InvalidAmountException;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a client's request into a command for the log: checks it, converts amounts to cents and stamps it with the
 * user from the token, a command id and the time of receipt. Everything wrong is refused here, before anything is
 * produced.
 */
public final class CommandFactory {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_REQUEST_ID_LENGTH = 64;
    private static final int MAX_USER_ID_LENGTH = 200;

    /** @throws ProtocolException for a malformed request, with the error to answer */
    public AuctionCommand toCommand(ClientMessage.Command request, UserRef user, Set<Role> roles, Instant now) {
        requireRequestId(request.requestId());
        Instant receivedAt = now.truncatedTo(ChronoUnit.MILLIS);
        if (request instanceof ClientMessage.CreateAuction create) {
            return createAuction(create, user, receivedAt);
        }
        if (request instanceof ClientMessage.PlaceBid bid) {
            return placeBid(bid, user, receivedAt);
        }
        if (request instanceof ClientMessage.BuyNow buyNow) {
            return new AuctionCommand.BuyNow(newId(), auctionId(buyNow.auctionId()), receivedAt, user);
        }
        if (request instanceof ClientMessage.ModerateAuction moderate) {
            return moderate(moderate, user, Permissions.moderatingRole(roles), receivedAt);
        }
        ClientMessage.CancelAuction cancel = (ClientMessage.CancelAuction) request;
        return new AuctionCommand.CancelAuction(newId(), auctionId(cancel.auctionId()), receivedAt, user);
    }

    private AuctionCommand.CreateAuction createAuction(ClientMessage.CreateAuction create, UserRef user, Instant at) {
        if (create.startingPrice() == null) {
            throw invalidAuction("startingPrice is required");
        }
        if (create.durationMs() == null) {
            throw invalidAuction("durationMs is required");
        }
        AuctionCommand.CreateAuction command;
        try {
            command = new AuctionCommand.CreateAuction(
                    newId(),
                    UUID.randomUUID().toString(),
                    at,
                    user,
                    create.title(),
                    create.description(),
                    Amounts.cents(create.startingPrice(), "startingPrice"),
                    create.durationMs(),
                    Amounts.cents(create.reservePrice(), "reservePrice"),
                    Amounts.cents(create.buyNowPrice(), "buyNowPrice"),
                    create.mode(),
                    create.softCloseMs(),
                    create.maxExtensionMs());
        } catch (InvalidAmountException e) {
            throw invalidAuction(e.getMessage());
        }
        String problem = Validation.problemWithAuction(command);
        if (problem != null) {
            throw invalidAuction(problem);
        }
        return command;
    }

    private AuctionCommand.ModerateAuction moderate(
            ClientMessage.ModerateAuction moderate, UserRef user, Role role, Instant at) {
        String auctionId = auctionId(moderate.auctionId());
        if (moderate.action() == null) {
            throw invalid("action is required: end, cancel or remove-bidder");
        }
        String bidderId = moderate.bidderId();
        if (moderate.action() == ModerationAction.REMOVE_BIDDER) {
            if (bidderId == null || bidderId.isBlank() || bidderId.length() > MAX_USER_ID_LENGTH) {
                throw invalid("remove-bidder needs the bidderId of the user to remove, at most " + MAX_USER_ID_LENGTH
                        + " characters");
            }
        } else if (bidderId != null) {
            throw invalid("bidderId is only for remove-bidder");
        }
        return new AuctionCommand.ModerateAuction(newId(), auctionId, at, user, role, moderate.action(), bidderId);
    }

    /** @throws InvalidAmountException for amounts no auction accepts, answered as a rejected bid */
    private AuctionCommand.PlaceBid placeBid(ClientMessage.PlaceBid bid, UserRef user, Instant at) {
        String auctionId = auctionId(bid.auctionId());
        if (bid.bidId() != null && !ID.matcher(bid.bidId()).matches()) {
            throw invalid("bidId must be 1 to 64 letters, digits, '-' or '_'");
        }
        Long amount = Amounts.cents(bid.amount(), "amount");
        Long maxAmount = Amounts.cents(bid.maxAmount(), "maxAmount");
        String problem = Validation.problemWithBid(amount, maxAmount);
        if (problem != null) {
            throw new InvalidAmountException(problem);
        }
        String commandId = bid.bidId() == null ? newId() : retryableId(user, auctionId, bid.bidId());
        return new AuctionCommand.PlaceBid(commandId, auctionId, at, user, amount, maxAmount);
    }

    /**
     * The show command for {@code request}, checked as far as the gateway can: ids, lot numbers and amounts, and the
     * bounds of shows and lots. What depends on the show's state (the host, the lineup) is the processor's to judge.
     *
     * @throws ProtocolException for a malformed request, which never reaches the log
     */
    public ShowCommand toShowCommand(ClientMessage.ShowRequest request, UserRef user, Instant receivedAt) {
        if (request instanceof ClientMessage.CreateShow create) {
            return createShow(create, user, receivedAt);
        }
        String showId = showId(request.showId());
        if (request instanceof ClientMessage.AddLot add) {
            return addLot(add, showId, user, receivedAt);
        }
        if (request instanceof ClientMessage.RemoveLot remove) {
            return new ShowCommand.RemoveLot(newId(), showId, receivedAt, user, lotNo(remove.lotNo()));
        }
        if (request instanceof ClientMessage.MoveLot move) {
            if (move.position() == null || move.position() < 0) {
                throw invalid("position is required: a place of the lineup, from 0");
            }
            return new ShowCommand.MoveLot(newId(), showId, receivedAt, user, lotNo(move.lotNo()), move.position());
        }
        if (request instanceof ClientMessage.StartShow) {
            return new ShowCommand.StartShow(newId(), showId, receivedAt, user);
        }
        if (request instanceof ClientMessage.RunLot run) {
            return runLot(run, showId, user, receivedAt);
        }
        if (request instanceof ClientMessage.PlacePreBid preBid) {
            return preBid(preBid, showId, user, receivedAt);
        }
        return new ShowCommand.EndShow(newId(), showId, receivedAt, user);
    }

    private ShowCommand.CreateShow createShow(ClientMessage.CreateShow create, UserRef user, Instant at) {
        if (create.scheduledStart() == null) {
            throw invalidShow("scheduledStart is required (epoch millis)");
        }
        ShowCommand.CreateShow command = new ShowCommand.CreateShow(
                newId(),
                UUID.randomUUID().toString(),
                at,
                user,
                create.title(),
                Instant.ofEpochMilli(create.scheduledStart()));
        String problem = Validation.problemWithShow(command);
        if (problem != null) {
            throw invalidShow(problem);
        }
        return command;
    }

    private ShowCommand.AddLot addLot(ClientMessage.AddLot add, String showId, UserRef user, Instant at) {
        if (add.startingPrice() == null) {
            throw invalidLot("startingPrice is required");
        }
        ShowCommand.AddLot command;
        try {
            command = new ShowCommand.AddLot(
                    newId(),
                    showId,
                    at,
                    user,
                    add.title(),
                    add.description(),
                    Amounts.cents(add.startingPrice(), "startingPrice"),
                    Amounts.cents(add.reservePrice(), "reservePrice"),
                    Amounts.cents(add.buyNowPrice(), "buyNowPrice"));
        } catch (InvalidAmountException e) {
            throw invalidLot(e.getMessage());
        }
        String problem = Validation.problemWithLot(command);
        if (problem != null) {
            throw invalidLot(problem);
        }
        return command;
    }

    private ShowCommand.RunLot runLot(ClientMessage.RunLot run, String showId, UserRef user, Instant at) {
        if (run.durationMs() == null) {
            throw invalidLot("durationMs is required");
        }
        long duration = run.durationMs();
        if (duration < AuctionLimits.MIN_DURATION.toMillis() || duration > AuctionLimits.MAX_DURATION.toMillis()) {
            throw invalidLot("durationMs must be between " + AuctionLimits.MIN_DURATION.toMillis() + " (5 s) and "
                    + AuctionLimits.MAX_DURATION.toMillis() + " (7 days)");
        }
        return new ShowCommand.RunLot(
                newId(),
                showId,
                at,
                user,
                lotNo(run.lotNo()),
                duration,
                run.mode(),
                run.softCloseMs(),
                run.maxExtensionMs());
    }

    private ShowCommand.PlacePreBid preBid(ClientMessage.PlacePreBid preBid, String showId, UserRef user, Instant at) {
        int lotNo = lotNo(preBid.lotNo());
        if (preBid.bidId() != null && !ID.matcher(preBid.bidId()).matches()) {
            throw invalid("bidId must be 1 to 64 letters, digits, '-' or '_'");
        }
        if (preBid.maxAmount() == null) {
            throw new InvalidAmountException("a pre-bid needs a maxAmount");
        }
        long maxAmount = Amounts.cents(preBid.maxAmount(), "maxAmount");
        String commandId = preBid.bidId() == null ? newId() : retryableId(user, showId + "/" + lotNo, preBid.bidId());
        return new ShowCommand.PlacePreBid(commandId, showId, at, user, lotNo, maxAmount);
    }

    /** @throws ProtocolException unless {@code showId} is a well-formed show id */
    public static String showId(String showId) {
        if (showId == null) {
            throw invalid("showId is required");
        }
        if (!LotIds.SHOW_ID.matcher(showId).matches()) {
            throw invalid("showId must be 1 to 64 letters, digits or '-'");
        }
        return showId;
    }

    private static int lotNo(Integer lotNo) {
        if (lotNo == null || lotNo < 1) {
            throw invalid("lotNo is required: the number the show gave the lot, from 1");
        }
        return lotNo;
    }

    private static ProtocolException invalidShow(String message) {
        return new ProtocolException(ErrorCode.INVALID_SHOW, message);
    }

    private static ProtocolException invalidLot(String message) {
        return new ProtocolException(ErrorCode.INVALID_LOT, message);
    }

    /** The same user retrying the same bid id on the same auction yields the same command id. */
    public static String retryableId(UserRef user, String auctionId, String bidId) {
        String name = user.id() + '\u0000' + auctionId + '\u0000' + bidId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** @throws ProtocolException unless {@code auctionId} is a well-formed auction id */
    public static String auctionId(String auctionId) {
        if (auctionId == null) {
            throw invalid("auctionId is required");
        }
        if (!ID.matcher(auctionId).matches()) {
            throw invalid("auctionId must be 1 to 64 letters, digits, '-' or '_'");
        }
        return auctionId;
    }

    /** @throws ProtocolException if a request id is too long to echo */
    public static void requireRequestId(String requestId) {
        if (requestId != null && requestId.length() > MAX_REQUEST_ID_LENGTH) {
            throw invalid("requestId must be at most " + MAX_REQUEST_ID_LENGTH + " characters");
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static ProtocolException invalid(String message) {
        return new ProtocolException(ErrorCode.INVALID_MESSAGE, message);
    }

    private static ProtocolException invalidAuction(String message) {
        return new ProtocolException(ErrorCode.INVALID_AUCTION, message);
    }
}
