package dev.gavel.events;

import java.time.Instant;

/**
 * A lot of a show's lineup as everyone may see it: no reserve price, no pre-bids. {@code auctionId}, {@code endsAt}
 * and the outcome are those of its latest run; {@code runs} counts them.
 */
public record LotView(
        int lotNo,
        String title,
        String description,
        long startingPriceCents,
        Long buyNowPriceCents,
        boolean hasReserve,
        LotStatus status,
        int runs,
        String auctionId,
        Instant endsAt,
        Outcome outcome,
        UserRef winner,
        Long finalPriceCents) {

    /** The lot once its next run has started. */
    public LotView started(String auctionId, Instant endsAt) {
        return new LotView(
                lotNo,
                title,
                description,
                startingPriceCents,
                buyNowPriceCents,
                hasReserve,
                LotStatus.RUNNING,
                runs + 1,
                auctionId,
                endsAt,
                null,
                null,
                null);
    }

    /** The lot once its running auction has ended. */
    public LotView ended(Outcome outcome, UserRef winner, Long finalPriceCents) {
        return new LotView(
                lotNo,
                title,
                description,
                startingPriceCents,
                buyNowPriceCents,
                hasReserve,
                outcome == Outcome.SOLD ? LotStatus.SOLD : LotStatus.UNSOLD,
                runs,
                auctionId,
                endsAt,
                outcome,
                winner,
                finalPriceCents);
    }

    /** Whether the host may run it now (if nothing else runs): never run, or run without a sale. */
    public boolean runnable() {
        return status == LotStatus.SCHEDULED || status == LotStatus.UNSOLD;
    }
}
