package dev.gavel.analytics.topology;

import java.time.Duration;

/**
 * The windows of the statistics, in event time.
 *
 * @param hotAuctionsWindow how far back "hot" looks: bids are counted per auction over windows this long
 * @param hotAuctionsHop how often a new counting window starts; the ranking moves on by this much
 * @param hotAuctionsSize how many auctions the ranking lists
 * @param highestBidWindow the tumbling window of the highest bid
 * @param grace how late (in event time) a bid may arrive and still be counted in its window
 */
public record StatsSettings(
        Duration hotAuctionsWindow,
        Duration hotAuctionsHop,
        int hotAuctionsSize,
        Duration highestBidWindow,
        Duration grace) {

    public StatsSettings {
        requirePositive(hotAuctionsWindow, "hot-auctions-window");
        requirePositive(hotAuctionsHop, "hot-auctions-hop");
        requirePositive(highestBidWindow, "highest-bid-window");
        if (hotAuctionsHop.compareTo(hotAuctionsWindow) > 0) {
            throw new IllegalArgumentException("gavel.analytics.hot-auctions-hop must not be longer than"
                    + " hot-auctions-window, got " + hotAuctionsHop + " and " + hotAuctionsWindow);
        }
        if (hotAuctionsSize < 1) {
            throw new IllegalArgumentException(
                    "gavel.analytics.hot-auctions-size must be at least 1, got " + hotAuctionsSize);
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("gavel.analytics.grace must not be negative, got " + grace);
        }
    }

    /** A minute, hopping every ten seconds; the top five; the highest bid of each minute; five seconds of grace. */
    public static StatsSettings defaults() {
        return new StatsSettings(
                Duration.ofMinutes(1), Duration.ofSeconds(10), 5, Duration.ofMinutes(1), Duration.ofSeconds(5));
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    "gavel.analytics." + name + " must be a positive duration, got " + value);
        }
    }
}
