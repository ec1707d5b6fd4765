package dev.gavel.analytics.topology;

/** The analytics' state stores; their changelog topics are named after them. */
public final class StoreNames {

    /** Auction id and hopping window to the number of bids in it. */
    public static final String HOT_AUCTION_BIDS = "hot-auction-bids";

    /** Window start to the auctions with the most bids in that window, while it is open: a ranking's worth of them. */
    public static final String HOT_RANKINGS = "hot-auction-rankings";

    /** Minute window to the highest standing bid one task has let through to the show-wide reduction. */
    public static final String TASK_HIGHEST_BIDS = "task-highest-bids";

    /** Minute window to its highest standing bid. */
    public static final String HIGHEST_BIDS = "highest-bids";

    /** Auction id to its seller, from creation to end. */
    public static final String SELLERS = "auction-sellers";

    /** Seller id to the totals of their ended auctions. */
    public static final String SELLER_SALES = "seller-sales";

    /** The totals of the show. */
    public static final String SHOW_SALES = "show-sales";

    /** Show id to what the show came to so far. */
    public static final String LIVE_SHOW_SALES = "live-show-sales";

    private StoreNames() {}
}
