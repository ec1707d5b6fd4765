package dev.gavel.gateway.command;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.gateway.protocol.Amounts;
import dev.gavel.gateway.protocol.AuctionDto;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ServerMessage;

/** The one reply to each command, by command and outcome. */
public final class Replies {

    private final FrameWriter frames;

    public Replies(FrameWriter frames) {
        this.frames = frames;
    }

    public ServerMessage to(ClientMessage.Command request, String userId, CommandOutcome outcome) {
        String requestId = request.requestId();
        if (outcome instanceof CommandOutcome.Failed failed) {
            return frames.error(requestId, failed.code(), failed.message());
        }
        if (outcome instanceof CommandOutcome.Rejected rejected) {
            return rejected(request, rejected.notice());
        }
        long now = frames.now();
        if (request instanceof ClientMessage.CreateAuction) {
            return outcome instanceof CommandOutcome.Accepted accepted
                    ? new ServerMessage.AuctionCreated(requestId, AuctionDto.of(accepted.auction()), null, now)
                    : createdAgain(requestId, (CommandOutcome.Confirmed) outcome);
        }
        if (request instanceof ClientMessage.CancelAuction cancel) {
            return new ServerMessage.AuctionCancelled(requestId, cancel.auctionId(), now);
        }
        if (request instanceof ClientMessage.ModerateAuction moderate) {
            return new ServerMessage.Moderated(
                    requestId, moderate.auctionId(), moderate.action(), moderate.bidderId(), now);
        }
        String bidId = request instanceof ClientMessage.PlaceBid bid ? bid.bidId() : null;
        boolean buyNow = request instanceof ClientMessage.BuyNow;
        if (outcome instanceof CommandOutcome.Accepted accepted) {
            AuctionEvent event = accepted.event();
            if (event instanceof AuctionEvent.BidPlaced placed) {
                ClientMessage.PlaceBid bid = (ClientMessage.PlaceBid) request;
                return new ServerMessage.BidAccepted(
                        requestId,
                        placed.auctionId(),
                        Amounts.decimal(placed.amountCents()),
                        bid.maxAmount(),
                        Amounts.decimal(placed.currentBidCents()),
                        placed.leader().id().equals(userId),
                        bidId,
                        false,
                        false,
                        now);
            }
            AuctionEvent.AuctionEnded ended = (AuctionEvent.AuctionEnded) event;
            return new ServerMessage.BidAccepted(
                    requestId,
                    ended.auctionId(),
                    Amounts.decimal(ended.finalPriceCents()),
                    null,
                    Amounts.decimal(ended.finalPriceCents()),
                    true,
                    null,
                    true,
                    false,
                    now);
        }
        CommandConfirmed confirmed = ((CommandOutcome.Confirmed) outcome).notice();
        return new ServerMessage.BidAccepted(
                requestId,
                confirmed.auctionId(),
                Amounts.decimal(confirmed.amountCents()),
                Amounts.decimal(confirmed.maxAmountCents()),
                Amounts.decimal(confirmed.currentBidCents()),
                confirmed.leading(),
                bidId,
                buyNow,
                confirmed.repeated(),
                now);
    }

    private ServerMessage rejected(ClientMessage.Command request, CommandRejected notice) {
        if (request instanceof ClientMessage.PlaceBid || request instanceof ClientMessage.BuyNow) {
            String bidId = request instanceof ClientMessage.PlaceBid bid ? bid.bidId() : null;
            return new ServerMessage.BidRejected(
                    request.requestId(),
                    notice.auctionId(),
                    notice.reason().name(),
                    Amounts.decimal(notice.minimumBidCents()),
                    notice.message(),
                    bidId,
                    frames.now());
        }
        return frames.error(request.requestId(), notice.reason().name(), notice.message());
    }

    /** A repeated create: answer with the auction as it is now. */
    private ServerMessage createdAgain(String requestId, CommandOutcome.Confirmed confirmed) {
        if (confirmed.auction() == null) {
            return frames.error(requestId, ErrorCode.AUCTION_NOT_FOUND, "the auction no longer exists");
        }
        return new ServerMessage.AuctionCreated(requestId, AuctionDto.of(confirmed.auction()), null, frames.now());
    }

    /** The answer to a bid whose amounts no auction accepts: it never reaches the log. */
    public ServerMessage invalidAmount(ClientMessage.PlaceBid bid, String message) {
        return new ServerMessage.BidRejected(
                bid.requestId(), bid.auctionId(), "INVALID_AMOUNT", null, message, bid.bidId(), frames.now());
    }
}
