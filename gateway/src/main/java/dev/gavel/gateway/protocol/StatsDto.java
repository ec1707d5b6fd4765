package dev.gavel.gateway.protocol;

import java.math.BigDecimal;
import java.util.List;

/**
 * The live statistics of the show, as the lobby and {@code GET /api/stats} show them: amounts in major units, times
 * in epoch millis, titles from the gateway's directory (null when the auction is no longer in it). A part is null
 * until the analytics service has published it.
 *
 * @param hotAuctions the auctions with the most bids in the current one-minute window
 * @param highestBid the highest standing bid of the latest minute
 * @param sales every ended auction of the show; sell-through is {@code sold / ended}
 * @param topSellers the sellers with the highest gross merchandise value, highest first
 */
public record StatsDto(HotAuctions hotAuctions, HighestBid highestBid, Sales sales, List<SellerSales> topSellers) {

    public record HotAuctions(long windowStart, long windowEnd, List<HotAuction> auctions) {}

    public record HotAuction(String auctionId, String title, long bids) {}

    public record HighestBid(
            long windowStart,
            long windowEnd,
            String auctionId,
            String title,
            BigDecimal amount,
            UserDto bidder,
            long at) {}

    public record Sales(long ended, long sold, long unsold, long reserveNotMet, long cancelled, BigDecimal gmv) {}

    public record SellerSales(UserDto seller, Sales sales) {}
}
