package dev.gavel.analytics.topology;

import dev.gavel.events.ShowStats.AuctionBids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The auctions with the most bids in one window, kept exactly as counts come in, without the counts of the others.
 *
 * <p>Each count is an auction's whole count in the window so far, and counts only grow. So an auction that is not
 * among the leaders ranks below the last of them, and can only join them by a count that beats the last one: the
 * leaders stay the exact top of everything counted while holding at most {@code size} auctions. An update costs
 * O(size), whatever the number of auctions in the window.
 *
 * @param size how many leaders are kept
 * @param leaders most bids first, ties by auction id
 * @param complete whether {@code leaders} holds every auction counted so far: until one has been left out, any
 *     auction joins while there is room; after that, only one that beats the last leader (see {@link #resized})
 */
record TopAuctions(int size, List<AuctionBids> leaders, boolean complete) {

    private static final Comparator<AuctionBids> MOST_BIDS_FIRST =
            Comparator.comparingLong(AuctionBids::bids).reversed().thenComparing(AuctionBids::auctionId);

    TopAuctions {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        leaders = List.copyOf(leaders);
    }

    static TopAuctions none(int size) {
        return new TopAuctions(size, List.of(), true);
    }

    /**
     * These leaders once {@code auctionId} has been counted {@code bids} times in the window. A count lower than one
     * already seen is an older one: the highest stays, whatever order counts arrive in. Returns {@code this} when
     * nothing changes.
     */
    TopAuctions with(String auctionId, long bids) {
        AuctionBids counted = new AuctionBids(auctionId, bids);
        int at = indexOf(auctionId);
        if (at >= 0 && leaders.get(at).bids() >= bids) {
            return this;
        }
        if (at < 0 && !joins(counted)) {
            return complete ? new TopAuctions(size, leaders, false) : this;
        }
        List<AuctionBids> next = new ArrayList<>(leaders);
        if (at >= 0) {
            next.remove(at);
        }
        // The auction is no longer in the list, so the search never finds it and returns -(insertion point) - 1.
        next.add(-Collections.binarySearch(next, counted, MOST_BIDS_FIRST) - 1, counted);
        if (next.size() > size) {
            next.remove(size);
            return new TopAuctions(size, next, false);
        }
        return new TopAuctions(size, next, complete);
    }

    /**
     * These leaders kept for another {@code size}. A smaller size drops the last ones. A larger one cannot bring back
     * auctions left out before, so their places fill only with auctions that beat the last leader: the list is
     * shorter for a while (at most until its window ends), never wrong.
     */
    TopAuctions resized(int size) {
        if (size >= leaders.size()) {
            return new TopAuctions(size, leaders, complete);
        }
        return new TopAuctions(size, leaders.subList(0, size), false);
    }

    /** An auction not among the leaders joins them if none was ever left out and there is room, or if it beats the last. */
    private boolean joins(AuctionBids counted) {
        if (complete && leaders.size() < size) {
            return true;
        }
        return !leaders.isEmpty() && MOST_BIDS_FIRST.compare(counted, leaders.get(leaders.size() - 1)) < 0;
    }

    private int indexOf(String auctionId) {
        for (int i = 0; i < leaders.size(); i++) {
            if (leaders.get(i).auctionId().equals(auctionId)) {
                return i;
            }
        }
        return -1;
    }
}
