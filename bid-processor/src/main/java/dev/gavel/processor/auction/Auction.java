package dev.gavel.processor.auction;

import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.Outcome;
import dev.gavel.events.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The processor's whole state of one auction, including what bidders must not see: the reserve price and the
 * leader's maximum bid. Immutable; the rules return a new value for every change.
 */
public record Auction(
        String id,
        String title,
        String description,
        UserRef seller,
        AuctionMode mode,
        long startingPriceCents,
        Long reservePriceCents,
        Long buyNowPriceCents,
        long softCloseMs,
        Long maxExtensionMs,
        Instant createdAt,
        Instant originalEndsAt,
        Instant endsAt,
        AuctionStatus status,
        Long currentBidCents,
        Leader leader,
        int bidCount,
        long seq,
        Outcome outcome,
        UserRef winner,
        Long finalPriceCents,
        Instant endedAt,
        List<String> removedBidders) {

    /** @param removedBidders the ids of the users a moderator removed from bidding, in the order of removal */
    public Auction {
        removedBidders = removedBidders == null ? List.of() : List.copyOf(removedBidders);
    }

    /** The bidder currently winning, with the most they are willing to pay. */
    public record Leader(UserRef bidder, long maxAmountCents) {}

    public boolean isOpenAt(Instant time) {
        return status == AuctionStatus.OPEN && time.isBefore(endsAt);
    }

    public boolean hasBids() {
        return bidCount > 0;
    }

    public boolean isLeader(UserRef user) {
        return leader != null && leader.bidder().id().equals(user.id());
    }

    public boolean isRemoved(UserRef user) {
        return removedBidders.contains(user.id());
    }

    public boolean reserveMet() {
        return reservePriceCents == null || (currentBidCents != null && currentBidCents >= reservePriceCents);
    }

    Auction withBid(long currentBidCents, Leader leader, int bidCount, Instant endsAt, long seq) {
        return with(
                endsAt,
                status,
                currentBidCents,
                leader,
                bidCount,
                seq,
                outcome,
                winner,
                finalPriceCents,
                endedAt,
                removedBidders);
    }

    Auction withLeader(Leader leader) {
        return withBid(currentBidCents, leader, bidCount, endsAt, seq);
    }

    Auction ended(Outcome outcome, UserRef winner, Long finalPriceCents, Instant endedAt, long seq) {
        return with(
                endsAt,
                AuctionStatus.ENDED,
                currentBidCents,
                leader,
                bidCount,
                seq,
                outcome,
                winner,
                finalPriceCents,
                endedAt,
                removedBidders);
    }

    Auction withRemovedBidder(String userId) {
        List<String> removed = new ArrayList<>(removedBidders);
        removed.add(userId);
        return with(
                endsAt,
                status,
                currentBidCents,
                leader,
                bidCount,
                seq,
                outcome,
                winner,
                finalPriceCents,
                endedAt,
                removed);
    }

    /** A copy with the fields that commands change; what the creation set stays. */
    private Auction with(
            Instant endsAt,
            AuctionStatus status,
            Long currentBidCents,
            Leader leader,
            int bidCount,
            long seq,
            Outcome outcome,
            UserRef winner,
            Long finalPriceCents,
            Instant endedAt,
            List<String> removedBidders) {
        return new Auction(
                id,
                title,
                description,
                seller,
                mode,
                startingPriceCents,
                reservePriceCents,
                buyNowPriceCents,
                softCloseMs,
                maxExtensionMs,
                createdAt,
                originalEndsAt,
                endsAt,
                status,
                currentBidCents,
                leader,
                bidCount,
                seq,
                outcome,
                winner,
                finalPriceCents,
                endedAt,
                removedBidders);
    }
}
