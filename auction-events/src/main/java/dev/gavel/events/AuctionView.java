package dev.gavel.events;

import java.time.Instant;

/**
 * The public snapshot of an auction: the value of {@value Topics#AUCTION_STATE}, and what a subscriber is shown on
 * joining. Folding an auction's events over its {@link AuctionEvent.AuctionCreated} snapshot with {@link #apply}
 * yields the processor's snapshot at the same {@code seq}.
 */
public record AuctionView(
        String id,
        String title,
        String description,
        UserRef seller,
        AuctionMode mode,
        long startingPriceCents,
        Long buyNowPriceCents,
        boolean hasReserve,
        boolean reserveMet,
        long softCloseMs,
        Long maxExtensionMs,
        Long currentBidCents,
        UserRef leader,
        int bidCount,
        long minimumNextBidCents,
        AuctionStatus status,
        Instant createdAt,
        Instant endsAt,
        long seq,
        Outcome outcome,
        UserRef winner,
        Long finalPriceCents,
        Instant endedAt) {

    /** Buy-now is offered until the first bid. */
    public boolean buyNowAvailable() {
        return buyNowPriceCents != null && bidCount == 0 && status == AuctionStatus.OPEN;
    }

    /**
     * The snapshot after {@code event}, which must be this auction's next event.
     *
     * @throws IllegalArgumentException if the event is for another auction or is not the next in sequence
     */
    public AuctionView apply(AuctionEvent event) {
        if (!id.equals(event.auctionId())) {
            throw new IllegalArgumentException("event for " + event.auctionId() + " applied to " + id);
        }
        if (event.seq() != seq + 1) {
            throw new IllegalArgumentException("expected seq " + (seq + 1) + " but got " + event.seq());
        }
        if (event instanceof AuctionEvent.BidPlaced bid) {
            return withProgress(
                    bid.currentBidCents(),
                    bid.leader(),
                    bid.bidCount(),
                    bid.minimumNextBidCents(),
                    bid.reserveMet(),
                    bid.endsAt(),
                    bid.seq(),
                    status,
                    null,
                    null,
                    null,
                    null);
        }
        if (event instanceof AuctionEvent.AuctionExtended extended) {
            return withProgress(
                    currentBidCents,
                    leader,
                    bidCount,
                    minimumNextBidCents,
                    reserveMet,
                    extended.endsAt(),
                    extended.seq(),
                    status,
                    null,
                    null,
                    null,
                    null);
        }
        if (event instanceof AuctionEvent.AuctionEnded ended) {
            return withProgress(
                    currentBidCents,
                    leader,
                    ended.bidCount(),
                    minimumNextBidCents,
                    reserveMet,
                    endsAt,
                    ended.seq(),
                    AuctionStatus.ENDED,
                    ended.outcome(),
                    ended.winner(),
                    ended.finalPriceCents(),
                    ended.at());
        }
        throw new IllegalArgumentException("an auction is created only once: " + event);
    }

    private AuctionView withProgress(
            Long currentBidCents,
            UserRef leader,
            int bidCount,
            long minimumNextBidCents,
            boolean reserveMet,
            Instant endsAt,
            long seq,
            AuctionStatus status,
            Outcome outcome,
            UserRef winner,
            Long finalPriceCents,
            Instant endedAt) {
        return new AuctionView(
                id,
                title,
                description,
                seller,
                mode,
                startingPriceCents,
                buyNowPriceCents,
                hasReserve,
                reserveMet,
                softCloseMs,
                maxExtensionMs,
                currentBidCents,
                leader,
                bidCount,
                minimumNextBidCents,
                status,
                createdAt,
                endsAt,
                seq,
                outcome,
                winner,
                finalPriceCents,
                endedAt);
    }
}
