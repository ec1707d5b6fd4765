package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Live statistics of the show on {@value Topics#SHOW_STATS}, computed by the analytics service from
 * {@value Topics#AUCTION_EVENTS} (and, for each seller's show, {@value Topics#SHOW_EVENTS}) in event time (the {@code at} of the events, never a wall clock). Each kind has its
 * own key ({@link #key()}); the topic is compacted, so the latest value of every key is always there to read.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ShowStats.HotAuctions.class),
    @JsonSubTypes.Type(ShowStats.HighestBid.class),
    @JsonSubTypes.Type(ShowStats.SellerSales.class),
    @JsonSubTypes.Type(ShowStats.ShowSales.class),
    @JsonSubTypes.Type(ShowStats.LiveShowSales.class)
})
public sealed interface ShowStats {

    /**
     * The key of this record: {@code hot-auctions}, {@code highest-bid:<window start>}, {@code seller:<id>}, {@code
     * show}, {@code live-show:<show id>}.
     */
    @JsonIgnore
    String key();

    /**
     * The auctions with the most accepted bids in the current one-minute window, most first (ties by auction id).
     * Windows hop every few seconds; the current one is the oldest window that contains the latest bid time, so it
     * counts the bids of the last minute, give or take one hop.
     */
    @JsonTypeName("hot-auctions")
    record HotAuctions(Instant windowStart, Instant windowEnd, List<AuctionBids> auctions) implements ShowStats {

        public static final String KEY = "hot-auctions";

        public HotAuctions {
            auctions = List.copyOf(auctions);
        }

        @Override
        public String key() {
            return KEY;
        }
    }

    /** How many bids one auction received in a window. */
    record AuctionBids(String auctionId, long bids) {}

    /**
     * The highest standing bid of a one-minute (tumbling) window: the highest price any auction reached by a bid
     * placed in that minute, and its leader then. Ties go to the first bid that reached the price.
     */
    @JsonTypeName("highest-bid")
    record HighestBid(
            Instant windowStart, Instant windowEnd, String auctionId, long amountCents, UserRef bidder, Instant at)
            implements ShowStats {

        public static final String KEY_PREFIX = "highest-bid:";

        @Override
        public String key() {
            return KEY_PREFIX + windowStart.toEpochMilli();
        }
    }

    /** Everything one seller's ended auctions came to, since the events began. {@code at}: the latest ending. */
    @JsonTypeName("seller-sales")
    record SellerSales(UserRef seller, Sales sales, Instant at) implements ShowStats {

        public static final String KEY_PREFIX = "seller:";

        public SellerSales {
            Objects.requireNonNull(seller, "seller");
            Objects.requireNonNull(sales, "sales");
        }

        @Override
        public String key() {
            return KEY_PREFIX + seller.id();
        }
    }

    /** The same totals over every seller of the show. */
    @JsonTypeName("show-sales")
    record ShowSales(Sales sales, Instant at) implements ShowStats {

        public static final String KEY = "show";

        public ShowSales {
            Objects.requireNonNull(sales, "sales");
        }

        @Override
        public String key() {
            return KEY;
        }
    }

    /**
     * The sales of one seller's show, from its events: {@code lots} in its lineup, every run of a lot that ended
     * counted in {@code sales} by outcome (a lot unsold and then sold counts two runs, one sold), and its highest sale.
     * Sell-through is {@code sales.sold / sales.ended}.
     */
    @JsonTypeName("live-show-sales")
    record LiveShowSales(
            String showId,
            String title,
            UserRef host,
            ShowStatus status,
            int lots,
            Sales sales,
            Long highestSaleCents,
            String highestSaleAuctionId,
            long seq,
            Instant at)
            implements ShowStats {

        public static final String KEY_PREFIX = "live-show:";

        public LiveShowSales {
            Objects.requireNonNull(showId, "showId");
            Objects.requireNonNull(sales, "sales");
        }

        @Override
        public String key() {
            return KEY_PREFIX + showId;
        }
    }

    /**
     * Counts of ended auctions by outcome, and the gross merchandise value: the sum of the final prices of the sold
     * ones, in cents. The sell-through rate is {@code sold / ended}, kept as these two counts so that it stays exact.
     */
    record Sales(long ended, long sold, long unsold, long reserveNotMet, long cancelled, long gmvCents) {

        public static final Sales NONE = new Sales(0, 0, 0, 0, 0, 0);

        /** These sales and one more ended auction. */
        public Sales plus(Outcome outcome, Long finalPriceCents) {
            return switch (outcome) {
                case SOLD ->
                    new Sales(ended + 1, sold + 1, unsold, reserveNotMet, cancelled, gmvCents + finalPriceCents);
                case UNSOLD -> new Sales(ended + 1, sold, unsold + 1, reserveNotMet, cancelled, gmvCents);
                case RESERVE_NOT_MET -> new Sales(ended + 1, sold, unsold, reserveNotMet + 1, cancelled, gmvCents);
                case CANCELLED -> new Sales(ended + 1, sold, unsold, reserveNotMet, cancelled + 1, gmvCents);
            };
        }
    }
}
