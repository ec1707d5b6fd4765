package dev.gavel.analytics.topology;

/** How many bids one auction has in one hopping window, as the windowed count last said. */
record WindowCount(String auctionId, long windowStart, long windowEnd, long bids) {}
