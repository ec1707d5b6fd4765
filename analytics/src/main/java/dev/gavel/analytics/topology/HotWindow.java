package dev.gavel.analytics.topology;

import dev.gavel.events.ShowStats.HotAuctions;
import java.time.Instant;

/** One open hopping window and its leading auctions; all the ranker keeps of it. */
record HotWindow(long start, long end, TopAuctions top) {

    static HotWindow of(WindowCount count, int size) {
        return new HotWindow(count.windowStart(), count.windowEnd(), TopAuctions.none(size)).with(count);
    }

    /** Returns {@code this} when nothing changes. */
    HotWindow with(WindowCount count) {
        TopAuctions counted = top.with(count.auctionId(), count.bids());
        return counted == top ? this : new HotWindow(start, end, counted);
    }

    HotWindow resized(int size) {
        return new HotWindow(start, end, top.resized(size));
    }

    HotAuctions ranking() {
        return new HotAuctions(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), top.leaders());
    }
}
