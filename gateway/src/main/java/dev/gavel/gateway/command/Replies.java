package dev.gavel.gateway.command;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowNotice.ShowCommandConfirmed;
import dev.gavel.events.ShowView;
import dev.gavel.gateway.protocol.Amounts;
import dev.gavel.gateway.protocol.AuctionDto;
import dev.gavel.gateway.protocol.ClientMessage;
import dev.gavel.gateway.protocol.ErrorCode;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ServerMessage;
import dev.gavel.gateway.protocol.ShowDto;
import dev.gavel.gateway.show.ShowUpdates;

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

    /** The one reply to a show command, by outcome. */
    public ServerMessage to(ClientMessage.ShowRequest request, CommandOutcome outcome) {
        String requestId = request.requestId();
        if (outcome instanceof CommandOutcome.Failed failed) {
            return frames.error(requestId, failed.code(), failed.message());
        }
        if (outcome instanceof CommandOutcome.ShowRejected rejected) {
            return frames.error(
                    requestId,
                    rejected.notice().reason().name(),
                    rejected.notice().message());
        }
        long now = frames.now();
        if (outcome instanceof CommandOutcome.ShowAccepted accepted) {
            ShowEvent event = accepted.event();
            return new ServerMessage.ShowAccepted(
                    requestId,
                    event.showId(),
                    commandType(request),
                    event.seq(),
                    ShowUpdates.lotOf(event),
                    ShowDto.of(accepted.show()),
                    false,
                    now);
        }
        ShowCommandConfirmed confirmed = ((CommandOutcome.ShowConfirmed) outcome).notice();
        if (request instanceof ClientMessage.PlacePreBid preBid) {
            return new ServerMessage.PreBidAccepted(
                    requestId,
                    confirmed.showId(),
                    confirmed.lotNo(),
                    Amounts.decimal(confirmed.maxAmountCents()),
                    preBid.bidId(),
                    confirmed.repeated(),
                    now);
        }
        ShowView show = ((CommandOutcome.ShowConfirmed) outcome).show();
        if (show == null) {
            return frames.error(requestId, ErrorCode.SHOW_NOT_FOUND, "the show is not known here yet");
        }
        return new ServerMessage.ShowAccepted(
                requestId,
                confirmed.showId(),
                commandType(request),
                confirmed.seq() == null ? show.seq() : confirmed.seq(),
                null,
                ShowDto.of(show),
                confirmed.repeated(),
                now);
    }

    /** The answer to a pre-bid whose amount no lot accepts: it never reaches the log. */
    public ServerMessage invalidAmount(ClientMessage.ShowRequest preBid, String message) {
        return frames.error(preBid.requestId(), RejectionReason.INVALID_AMOUNT.name(), message);
    }

    private static String commandType(ClientMessage.ShowRequest request) {
        return request.getClass().getAnnotation(JsonTypeName.class).value();
    }

    /** The answer to a bid whose amounts no auction accepts: it never reaches the log. */
    public ServerMessage invalidAmount(ClientMessage.PlaceBid bid, String message) {
        return new ServerMessage.BidRejected(
                bid.requestId(), bid.auctionId(), "INVALID_AMOUNT", null, message, bid.bidId(), frames.now());
    }
}
