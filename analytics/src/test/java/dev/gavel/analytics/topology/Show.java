package dev.gavel.analytics.topology;

import dev.gavel.events.AuctionEvent.AuctionCreated;
import dev.gavel.events.AuctionEvent.AuctionEnded;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.AuctionMode;
import dev.gavel.events.AuctionStatus;
import dev.gavel.events.AuctionView;
import dev.gavel.events.Outcome;
import dev.gavel.events.UserRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Test-data builder for the events of a show, with times counted from {@link #T0}, the start of a minute. Keeps each
 * auction's seq and bid count, as the processor would.
 */
final class Show {

    static final Instant T0 = Instant.parse("2026-11-28T20:00:00Z");

    static final UserRef SAM = new UserRef("u-sam", "sam");
    static final UserRef KIM = new UserRef("u-kim", "kim");
    static final UserRef BOB = new UserRef("u-bob", "bob");
    static final UserRef CAROL = new UserRef("u-carol", "carol");

    private final Map<String, Long> seqs = new HashMap<>();
    private final Map<String, Integer> bidCounts = new HashMap<>();

    /** {@code seconds} after {@link #T0} (negative: before). */
    static Instant second(long seconds) {
        return T0.plusSeconds(seconds);
    }

    AuctionCreated created(String auctionId, UserRef seller, long atSecond) {
        Instant at = second(atSecond);
        AuctionView view = new AuctionView(
                auctionId,
                "Lot " + auctionId,
                null,
                seller,
                AuctionMode.STANDARD,
                1_000,
                null,
                false,
                true,
                10_000,
                null,
                null,
                null,
                0,
                1_000,
                AuctionStatus.OPEN,
                at,
                at.plusSeconds(600),
                1,
                null,
                null,
                null,
                null);
        return new AuctionCreated(auctionId, next(auctionId), at, "create-" + auctionId, view);
    }

    /** A plain bid that leads at its own amount. */
    BidPlaced bid(String auctionId, UserRef bidder, long cents, long atSecond) {
        return bid(auctionId, bidder, cents, bidder, cents, atSecond);
    }

    /** A bid answered at once by the leader's proxy: {@code leader} stands at {@code currentCents}. */
    BidPlaced bid(String auctionId, UserRef bidder, long cents, UserRef leader, long currentCents, long atSecond) {
        int bids = bidCounts.merge(auctionId, 1, Integer::sum);
        long seq = next(auctionId);
        return new BidPlaced(
                auctionId,
                seq,
                second(atSecond),
                "bid-" + auctionId + "-" + seq,
                bidder,
                cents,
                currentCents,
                leader,
                bids,
                currentCents + 100,
                true,
                second(atSecond).plusSeconds(600));
    }

    AuctionEnded sold(String auctionId, UserRef winner, long finalPriceCents, long atSecond) {
        return ended(auctionId, Outcome.SOLD, winner, finalPriceCents, atSecond);
    }

    AuctionEnded ended(String auctionId, Outcome outcome, long atSecond) {
        return ended(auctionId, outcome, null, null, atSecond);
    }

    private AuctionEnded ended(String auctionId, Outcome outcome, UserRef winner, Long price, long atSecond) {
        return new AuctionEnded(
                auctionId,
                next(auctionId),
                second(atSecond),
                "close:" + auctionId,
                outcome,
                winner,
                price,
                bidCounts.getOrDefault(auctionId, 0));
    }

    private long next(String auctionId) {
        return seqs.merge(auctionId, 1L, Long::sum);
    }
}
