package dev.gavel.processor.auction;

import static dev.gavel.events.RejectionReason.ALREADY_LEADING;
import static dev.gavel.events.RejectionReason.AUCTION_ENDED;
import static dev.gavel.events.RejectionReason.AUCTION_EXISTS;
import static dev.gavel.events.RejectionReason.AUCTION_NOT_FOUND;
import static dev.gavel.events.RejectionReason.BIDDER_LEADS;
import static dev.gavel.events.RejectionReason.BIDDER_REMOVED;
import static dev.gavel.events.RejectionReason.BIDS_PLACED;
import static dev.gavel.events.RejectionReason.BID_TOO_LOW;
import static dev.gavel.events.RejectionReason.BUY_NOW_UNAVAILABLE;
import static dev.gavel.events.RejectionReason.INVALID_AMOUNT;
import static dev.gavel.events.RejectionReason.INVALID_AUCTION;
import static dev.gavel.events.RejectionReason.INVALID_MODERATION;
import static dev.gavel.events.RejectionReason.NOT_MODERATOR;
import static dev.gavel.events.RejectionReason.NOT_SELLER;
import static dev.gavel.events.RejectionReason.SELF_BID;
import static dev.gavel.events.Validation.format;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.BuyNow;
import dev.gavel.events.AuctionCommand.CancelAuction;
import dev.gavel.events.AuctionCommand.CloseAuction;
import dev.gavel.events.AuctionCommand.CreateAuction;
import dev.gavel.events.AuctionCommand.ExpireAuction;
import dev.gavel.events.AuctionCommand.ModerateAuction;
import dev.gavel.events.AuctionCommand.PlaceBid;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionEvent.AuctionExtended;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.AuctionLimits;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.events.BidIncrements;
import dev.gavel.events.BidderNotice;
import dev.gavel.events.BidderNotice.CommandConfirmed;
import dev.gavel.events.BidderNotice.CommandRejected;
import dev.gavel.events.Outcome;
import dev.gavel.events.RejectionReason;
import dev.gavel.events.UserRef;
import dev.gavel.events.Validation;
import dev.gavel.processor.auction.Auction.Leader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules of a Gavel auction. Pure: the outcome of a command depends only on the auction's state and the command
 * (including the time the gateway received it), never on when or where it is processed. That is what makes the
 * command log replayable and the processor's decisions fair.
 */
public final class AuctionRules {

    private static final String REMOVED_MESSAGE = "a moderator removed you from bidding on this auction";

    private final BidIncrements increments;

    public AuctionRules(BidIncrements increments) {
        this.increments = Objects.requireNonNull(increments, "increments");
    }

    /**
     * Decides {@code command} against {@code auction}.
     *
     * @param auction the auction the command is addressed to, or null if the processor has none with that id
     */
    public Decision decide(Auction auction, AuctionCommand command) {
        if (command instanceof CreateAuction create) {
            return create(auction, create);
        }
        if (command instanceof PlaceBid bid) {
            return placeBid(auction, bid);
        }
        if (command instanceof BuyNow buyNow) {
            return buyNow(auction, buyNow);
        }
        if (command instanceof CancelAuction cancel) {
            return cancel(auction, cancel);
        }
        if (command instanceof ModerateAuction moderate) {
            return moderate(auction, moderate);
        }
        if (command instanceof CloseAuction close) {
            return close(auction, close);
        }
        if (command instanceof ExpireAuction) {
            return expire(auction);
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    /** The lowest bid the auction accepts now: the starting price, then the current bid plus its increment. */
    public long minimumNextBid(Auction auction) {
        Long current = auction.currentBidCents();
        return current == null ? auction.startingPriceCents() : current + increments.at(current);
    }

    /** The minimum bid a rejection tells: the current one while the auction is open at {@code at}, else none. */
    public Long minimumBidAt(Auction auction, Instant at) {
        return auction != null && auction.isOpenAt(at) ? minimumNextBid(auction) : null;
    }

    /** What bidders may see of the auction. */
    public AuctionView view(Auction auction) {
        return new AuctionView(
                auction.id(),
                auction.title(),
                auction.description(),
                auction.seller(),
                auction.mode(),
                auction.startingPriceCents(),
                auction.buyNowPriceCents(),
                auction.reservePriceCents() != null,
                auction.reserveMet(),
                auction.softCloseMs(),
                auction.maxExtensionMs(),
                auction.currentBidCents(),
                auction.leader() == null ? null : auction.leader().bidder(),
                auction.bidCount(),
                minimumNextBid(auction),
                auction.status(),
                auction.createdAt(),
                auction.endsAt(),
                auction.seq(),
                auction.outcome(),
                auction.winner(),
                auction.finalPriceCents(),
                auction.endedAt());
    }

    private Decision create(Auction existing, CreateAuction create) {
        if (existing != null) {
            return reject(existing, create, AUCTION_EXISTS, "an auction with id " + create.auctionId() + " exists");
        }
        String problem = Validation.problemWithAuction(create);
        if (problem != null) {
            return reject(null, create, INVALID_AUCTION, problem);
        }
        AuctionMode mode = create.mode() == null ? AuctionMode.STANDARD : create.mode();
        long softCloseMs = mode == AuctionMode.SUDDEN_DEATH
                ? 0
                : create.softCloseMs() == null ? AuctionLimits.DEFAULT_SOFT_CLOSE.toMillis() : create.softCloseMs();
        Instant endsAt = create.receivedAt().plusMillis(create.durationMs());
        Auction auction = new Auction(
                create.auctionId(),
                create.title(),
                create.description() == null ? "" : create.description(),
                create.seller(),
                mode,
                create.startingPriceCents(),
                create.reservePriceCents(),
                create.buyNowPriceCents(),
                softCloseMs,
                create.maxExtensionMs(),
                create.receivedAt(),
                endsAt,
                endsAt,
                AuctionStatus.OPEN,
                null,
                null,
                0,
                1,
                null,
                null,
                null,
                null,
                List.of());
        return Decision.of(
                auction,
                confirm(create, null, null, null, false, 1L),
                new AuctionCreated(auction.id(), 1, create.receivedAt(), create.commandId(), view(auction)));
    }

    private Decision placeBid(Auction auction, PlaceBid bid) {
        if (auction == null) {
            return reject(null, bid, AUCTION_NOT_FOUND, "there is no auction " + bid.auctionId());
        }
        if (!auction.isOpenAt(bid.receivedAt())) {
            return reject(auction, bid, AUCTION_ENDED, "the auction has ended");
        }
        if (auction.isRemoved(bid.bidder())) {
            return reject(auction, bid, BIDDER_REMOVED, REMOVED_MESSAGE);
        }
        if (auction.seller().id().equals(bid.bidder().id())) {
            return reject(auction, bid, SELF_BID, "sellers cannot bid on their own auction");
        }
        String problem = Validation.problemWithBid(bid.amountCents(), bid.maxAmountCents());
        if (problem != null) {
            return reject(auction, bid, INVALID_AMOUNT, problem);
        }
        long minimum = minimumNextBid(auction);
        long ceiling = bid.maxAmountCents() != null ? bid.maxAmountCents() : bid.amountCents();
        Leader bidder = new Leader(bid.bidder(), ceiling);
        Leader leader;
        long price;
        if (auction.isLeader(bid.bidder())) {
            if (ceiling <= auction.leader().maxAmountCents()) {
                return reject(auction, bid, ALREADY_LEADING, "you are already the highest bidder");
            }
            if (ceiling < minimum) {
                return reject(auction, bid, BID_TOO_LOW, "a new maximum must be at least " + format(minimum));
            }
            leader = bidder;
            price = auction.currentBidCents();
        } else {
            if (ceiling < minimum || (bid.amountCents() != null && bid.amountCents() < minimum)) {
                return reject(auction, bid, BID_TOO_LOW, "the minimum bid is " + format(minimum));
            }
            long floor = bid.amountCents() != null ? bid.amountCents() : minimum;
            Leader rival = auction.leader();
            if (rival == null) {
                leader = bidder;
                price = floor;
            } else if (ceiling > rival.maxAmountCents()) {
                // Outbids the rival's maximum by one increment, never more than asked for.
                long rivalMax = rival.maxAmountCents();
                leader = bidder;
                price = Math.max(floor, Math.min(ceiling, rivalMax + increments.at(rivalMax)));
            } else {
                // The rival's proxy answers at once; equal maxima go to the earlier bid.
                leader = rival;
                price = ceiling == rival.maxAmountCents()
                        ? ceiling
                        : Math.min(rival.maxAmountCents(), ceiling + increments.at(ceiling));
            }
        }
        if (auction.reservePriceCents() != null
                && leader.maxAmountCents() >= auction.reservePriceCents()
                && price < auction.reservePriceCents()) {
            // A maximum that meets the reserve lifts the price to it.
            price = auction.reservePriceCents();
        }
        boolean leading = leader == bidder;
        if (auction.currentBidCents() != null && price == auction.currentBidCents()) {
            // Only the leader's hidden maximum moved: nothing public to tell.
            return Decision.of(
                    auction.withLeader(leader),
                    confirm(bid, bid.amountCents(), bid.maxAmountCents(), price, leading, null));
        }
        return accept(auction, bid, leader, price, leading ? price : ceiling, leading);
    }

    private Decision accept(Auction auction, PlaceBid bid, Leader leader, long price, long shown, boolean leading) {
        Instant endsAt = extendedEnd(auction, bid.receivedAt());
        long seq = auction.seq() + 1;
        Auction after = auction.withBid(price, leader, auction.bidCount() + 1, endsAt, seq);
        List<AuctionEvent> events = new ArrayList<>(2);
        events.add(new BidPlaced(
                auction.id(),
                seq,
                bid.receivedAt(),
                bid.commandId(),
                bid.bidder(),
                shown,
                price,
                leader.bidder(),
                after.bidCount(),
                minimumNextBid(after),
                after.reserveMet(),
                endsAt));
        if (endsAt.isAfter(auction.endsAt())) {
            after = after.withBid(price, leader, after.bidCount(), endsAt, ++seq);
            events.add(new AuctionExtended(
                    auction.id(), seq, bid.receivedAt(), bid.commandId(), endsAt, auction.endsAt()));
        }
        BidderNotice reply = confirm(bid, shown, bid.maxAmountCents(), price, leading, auction.seq() + 1);
        return new Decision(after, events, reply);
    }

    /** Soft close: a bid in the last window resets the time left to the window, within the extension cap. */
    private static Instant extendedEnd(Auction auction, Instant bidAt) {
        if (auction.mode() != AuctionMode.STANDARD || auction.softCloseMs() == 0) {
            return auction.endsAt();
        }
        Instant reset = bidAt.plusMillis(auction.softCloseMs());
        if (auction.maxExtensionMs() != null) {
            Instant cap = auction.originalEndsAt().plusMillis(auction.maxExtensionMs());
            reset = reset.isAfter(cap) ? cap : reset;
        }
        return reset.isAfter(auction.endsAt()) ? reset : auction.endsAt();
    }

    private Decision buyNow(Auction auction, BuyNow buyNow) {
        if (auction == null) {
            return reject(null, buyNow, AUCTION_NOT_FOUND, "there is no auction " + buyNow.auctionId());
        }
        if (!auction.isOpenAt(buyNow.receivedAt())) {
            return reject(auction, buyNow, AUCTION_ENDED, "the auction has ended");
        }
        if (auction.isRemoved(buyNow.buyer())) {
            return reject(auction, buyNow, BIDDER_REMOVED, REMOVED_MESSAGE);
        }
        if (auction.seller().id().equals(buyNow.buyer().id())) {
            return reject(auction, buyNow, SELF_BID, "sellers cannot buy their own item");
        }
        if (auction.buyNowPriceCents() == null) {
            return reject(auction, buyNow, BUY_NOW_UNAVAILABLE, "this auction has no buy-now price");
        }
        if (auction.hasBids()) {
            return reject(auction, buyNow, BUY_NOW_UNAVAILABLE, "buy-now ended with the first bid");
        }
        long price = auction.buyNowPriceCents();
        return end(auction, buyNow, Outcome.SOLD, buyNow.buyer(), price, buyNow.receivedAt(), price);
    }

    private Decision cancel(Auction auction, CancelAuction cancel) {
        if (auction == null) {
            return reject(null, cancel, AUCTION_NOT_FOUND, "there is no auction " + cancel.auctionId());
        }
        if (!auction.isOpenAt(cancel.receivedAt())) {
            return reject(auction, cancel, AUCTION_ENDED, "the auction has ended");
        }
        if (!auction.seller().id().equals(cancel.seller().id())) {
            return reject(auction, cancel, NOT_SELLER, "only the seller can cancel an auction");
        }
        if (auction.hasBids()) {
            return reject(auction, cancel, BIDS_PLACED, "an auction cannot be cancelled once bids are placed");
        }
        return end(auction, cancel, Outcome.CANCELLED, null, null, cancel.receivedAt(), null);
    }

    /**
     * A moderator's action, judged at the time the gateway received it. Ending closes the auction now as its close
     * would; cancelling ends it with no winner, bids or not. Removing a bidder refuses their further bids; a leader
     * cannot be removed, because the state keeps only the leader's maximum and not the bids it beat, so the price
     * could not fall back to the best remaining bid exactly (ADR 15).
     */
    private Decision moderate(Auction auction, ModerateAuction moderate) {
        if (moderate.role() == null || !moderate.role().moderates()) {
            return reject(auction, moderate, NOT_MODERATOR, "only moderators and admins can moderate auctions");
        }
        if (moderate.action() == null) {
            return reject(auction, moderate, INVALID_MODERATION, "action is required");
        }
        if (auction == null) {
            return reject(null, moderate, AUCTION_NOT_FOUND, "there is no auction " + moderate.auctionId());
        }
        if (!auction.isOpenAt(moderate.receivedAt())) {
            return reject(auction, moderate, AUCTION_ENDED, "the auction has ended");
        }
        Instant now = moderate.receivedAt();
        return switch (moderate.action()) {
            case CANCEL -> end(auction, moderate, Outcome.CANCELLED, null, null, now, null);
            case END -> endNow(auction, moderate, now);
            case REMOVE_BIDDER -> removeBidder(auction, moderate);
        };
    }

    private Decision removeBidder(Auction auction, ModerateAuction moderate) {
        String bidderId = moderate.bidderId();
        if (bidderId == null || bidderId.isBlank()) {
            return reject(auction, moderate, INVALID_MODERATION, "bidderId is required to remove a bidder");
        }
        if (auction.leader() != null && auction.leader().bidder().id().equals(bidderId)) {
            return reject(
                    auction,
                    moderate,
                    BIDDER_LEADS,
                    "the bidder leads this auction and their bids cannot be voided: cancel or end it instead");
        }
        Auction after = auction.removedBidders().contains(bidderId) ? auction : auction.withRemovedBidder(bidderId);
        return Decision.of(after, confirm(moderate, null, null, auction.currentBidCents(), false, null));
    }

    private Decision close(Auction auction, CloseAuction close) {
        if (auction == null
                || auction.status() == AuctionStatus.ENDED
                || auction.endsAt().isAfter(close.receivedAt())) {
            // Already ended, or a late bid moved the end after this close was requested.
            return Decision.nothing(auction);
        }
        return endNow(auction, close, auction.endsAt());
    }

    /** Ends the auction at {@code endedAt} as its timer would: the leader wins if the reserve is met. */
    private Decision endNow(Auction auction, AuctionCommand command, Instant endedAt) {
        if (auction.leader() == null) {
            return end(auction, command, Outcome.UNSOLD, null, null, endedAt, null);
        }
        if (!auction.reserveMet()) {
            return end(auction, command, Outcome.RESERVE_NOT_MET, null, null, endedAt, null);
        }
        return end(auction, command, Outcome.SOLD, auction.leader().bidder(), auction.currentBidCents(), endedAt, null);
    }

    private static Decision expire(Auction auction) {
        if (auction == null || auction.status() != AuctionStatus.ENDED) {
            return Decision.nothing(auction);
        }
        return new Decision(null, List.of(), null);
    }

    private Decision end(
            Auction auction,
            AuctionCommand command,
            Outcome outcome,
            UserRef winner,
            Long finalPriceCents,
            Instant endedAt,
            Long paidCents) {
        long seq = auction.seq() + 1;
        Auction after = auction.ended(outcome, winner, finalPriceCents, endedAt, seq);
        AuctionEnded ended = new AuctionEnded(
                auction.id(), seq, endedAt, command.commandId(), outcome, winner, finalPriceCents, auction.bidCount());
        BidderNotice reply = command.issuer() == null ? null : confirm(command, paidCents, null, null, true, seq);
        return Decision.of(after, reply, ended);
    }

    private Decision reject(Auction auction, AuctionCommand command, RejectionReason reason, String message) {
        Long minimumBid = minimumBidAt(auction, command.receivedAt());
        return Decision.of(
                auction,
                new CommandRejected(
                        command.commandId(),
                        command.auctionId(),
                        command.commandType(),
                        command.issuer(),
                        command.receivedAt(),
                        reason,
                        message,
                        minimumBid));
    }

    private static CommandConfirmed confirm(
            AuctionCommand command,
            Long amountCents,
            Long maxAmountCents,
            Long currentBidCents,
            boolean leading,
            Long seq) {
        return new CommandConfirmed(
                command.commandId(),
                command.auctionId(),
                command.commandType(),
                command.issuer(),
                command.receivedAt(),
                amountCents,
                maxAmountCents,
                currentBidCents,
                leading,
                false,
                seq);
    }
}
