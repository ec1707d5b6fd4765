package dev.gavel.gateway.auction;

import dev.gavel.events.AuctionView;
import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStats.HighestBid;
import dev.gavel.events.ShowStats.HotAuctions;
import dev.gavel.events.ShowStats.Sales;
import dev.gavel.events.ShowStats.SellerSales;
import dev.gavel.events.ShowStats.ShowSales;
import dev.gavel.gateway.protocol.Amounts;
import dev.gavel.gateway.protocol.FrameWriter;
import dev.gavel.gateway.protocol.ServerMessage;
import dev.gavel.gateway.protocol.StatsDto;
import dev.gavel.gateway.protocol.UserDto;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest statistics of the show, from the {@code show-stats} topic. Statistics change with nearly every bid; the
 * lobby gets them at most once per {@link #publishIfChanged} call (every second), as one frame written once for all
 * its subscribers.
 */
public class StatsBoard {

    /** The lobby channel of the statistics: a lagging subscriber keeps only the newest frame of it. */
    static final String CHANNEL = "lobby:stats";

    static final int TOP_SELLERS = 5;

    private static final Comparator<SellerSales> HIGHEST_GMV_FIRST = Comparator.comparingLong(
                    (SellerSales seller) -> seller.sales().gmvCents())
            .reversed()
            .thenComparing(seller -> seller.seller().id());

    private final AuctionDirectory directory;
    private final FrameWriter frames;
    private final Map<String, SellerSales> sellers = new HashMap<>();
    private HotAuctions hotAuctions;
    private HighestBid highestBid;
    private ShowSales show;
    private boolean changed;

    public StatsBoard(AuctionDirectory directory, FrameWriter frames) {
        this.directory = directory;
        this.frames = frames;
    }

    /** Takes a record of {@code show-stats}. Keys of several windows come from several partitions: the latest wins. */
    public synchronized void apply(ShowStats stats) {
        if (stats instanceof HotAuctions hot) {
            if (hotAuctions == null || !hot.windowStart().isBefore(hotAuctions.windowStart())) {
                hotAuctions = hot;
            }
        } else if (stats instanceof HighestBid highest) {
            if (highestBid == null || !highest.windowStart().isBefore(highestBid.windowStart())) {
                highestBid = highest;
            }
        } else if (stats instanceof SellerSales seller) {
            sellers.put(seller.seller().id(), seller);
        } else if (stats instanceof ShowSales sales) {
            show = sales;
        } else {
            // The sales of one seller's show, or a statistic added later: not the lobby's.
            return;
        }
        changed = true;
    }

    public synchronized StatsDto current() {
        return new StatsDto(
                hotAuctions == null ? null : hotAuctions(hotAuctions),
                highestBid == null ? null : highestBid(highestBid),
                show == null ? null : sales(show.sales()),
                sellers.values().stream()
                        .sorted(HIGHEST_GMV_FIRST)
                        .limit(TOP_SELLERS)
                        .map(seller -> new StatsDto.SellerSales(UserDto.of(seller.seller()), sales(seller.sales())))
                        .toList());
    }

    /** The statistics for a client that just joined the lobby, if there are any yet. */
    public Optional<ServerMessage.Stats> forNewcomer() {
        synchronized (this) {
            if (hotAuctions == null && highestBid == null && show == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new ServerMessage.Stats(current(), frames.now()));
    }

    /** Sends the statistics to the lobby if they changed since the last call. */
    public void publishIfChanged() {
        synchronized (this) {
            if (!changed) {
                return;
            }
            changed = false;
        }
        directory.toLobby(CHANNEL, frames.encode(new ServerMessage.Stats(current(), frames.now())));
    }

    private StatsDto.HotAuctions hotAuctions(HotAuctions hot) {
        return new StatsDto.HotAuctions(
                hot.windowStart().toEpochMilli(),
                hot.windowEnd().toEpochMilli(),
                hot.auctions().stream()
                        .map(auction -> new StatsDto.HotAuction(
                                auction.auctionId(), title(auction.auctionId()), auction.bids()))
                        .toList());
    }

    private StatsDto.HighestBid highestBid(HighestBid highest) {
        return new StatsDto.HighestBid(
                highest.windowStart().toEpochMilli(),
                highest.windowEnd().toEpochMilli(),
                highest.auctionId(),
                title(highest.auctionId()),
                Amounts.decimal(highest.amountCents()),
                UserDto.of(highest.bidder()),
                highest.at().toEpochMilli());
    }

    private static StatsDto.Sales sales(Sales sales) {
        return new StatsDto.Sales(
                sales.ended(),
                sales.sold(),
                sales.unsold(),
                sales.reserveNotMet(),
                sales.cancelled(),
                Amounts.decimal(sales.gmvCents()));
    }

    private String title(String auctionId) {
        return directory.find(auctionId).map(AuctionView::title).orElse(null);
    }
}
