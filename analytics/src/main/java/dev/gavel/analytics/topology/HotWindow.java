package dev.gavel.analytics.topology;

import dev.gavel.events.ShowStats.AuctionBids;
import dev.gavel.events.ShowStats.HotAuctions;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/** The bid counts of every auction in one hopping window. */
record HotWindow(long start, long end, Map<String, Long> bids) {

    private static final Comparator<AuctionBids> MOST_BIDS_FIRST =
            Comparator.comparingLong(AuctionBids::bids).reversed().thenComparing(AuctionBids::auctionId);

    HotWindow {
        bids = Map.copyOf(bids);
    }

    static HotWindow of(WindowCount count) {
        return new HotWindow(count.windowStart(), count.windowEnd(), Map.of()).with(count);
    }

    /** Counts only grow within a window: keep the highest count seen, whatever order updates arrive in. */
    HotWindow with(WindowCount count) {
        Map<String, Long> updated = new HashMap<>(bids);
        updated.merge(count.auctionId(), count.bids(), Math::max);
        return new HotWindow(start, end, updated);
    }

    HotAuctions top(int size) {
        return new HotAuctions(
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end),
                bids.entrySet().stream()
                        .map(entry -> new AuctionBids(entry.getKey(), entry.getValue()))
                        .sorted(MOST_BIDS_FIRST)
                        .limit(size)
                        .toList());
    }
}
