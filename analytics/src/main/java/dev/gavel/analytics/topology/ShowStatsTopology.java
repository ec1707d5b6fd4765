package dev.gavel.analytics.topology;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionEvent.BidPlaced;
import dev.gavel.events.JsonSerde;
import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStats.HighestBid;
import dev.gavel.events.ShowStats.SellerSales;
import dev.gavel.events.ShowStats.ShowSales;
import dev.gavel.events.Topics;
import dev.gavel.events.UserRef;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Live statistics of the show from {@value Topics#AUCTION_EVENTS}, in event time, the way the Nexmark queries compute
 * theirs, published to {@value Topics#SHOW_STATS}:
 *
 * <ul>
 *   <li><b>hot auctions</b> (Nexmark Q5): bids per auction in hopping windows, counted where the auction's events
 *       are, then ranked by one task that sees every count;
 *   <li><b>highest bid per minute</b> (Q7): the highest standing bid of each tumbling window, show-wide;
 *   <li><b>sales per seller and of the show</b>: every ending, attributed to the seller its creation names, summed
 *       into gross merchandise value and counts by outcome (sell-through = sold / ended);
 *   <li><b>sales of each seller's show</b>, from {@value Topics#SHOW_EVENTS}: its lots' runs by outcome, and its
 *       highest sale.
 * </ul>
 *
 * Every node, store and internal topic is named, so that internal topic names never change by accident.
 */
public final class ShowStatsTopology {

    /** The one key under which show-wide values are grouped, so that one task sees all of them. */
    static final String SHOW = "show";

    private ShowStatsTopology() {}

    public static Topology build(StatsSettings settings, AnalyticsMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        define(builder, settings, metrics);
        return builder.build();
    }

    /** Adds the statistics to {@code builder}; returns the stream written to {@value Topics#SHOW_STATS}. */
    public static KStream<String, ShowStats> define(
            StreamsBuilder builder, StatsSettings settings, AnalyticsMetrics metrics) {
        KStream<String, AuctionEvent> events = builder.stream(
                        Topics.AUCTION_EVENTS,
                        Consumed.with(Serdes.String(), JsonSerde.events())
                                .withTimestampExtractor(new EventTimeExtractor())
                                .withName("auction-events-source"))
                .peek((auctionId, event) -> metrics.read(event), Named.as("count-events"));
        KStream<String, BidPlaced> bids = events.filter(
                        (auctionId, event) -> event instanceof BidPlaced, Named.as("bids"))
                .mapValues(event -> (BidPlaced) event, Named.as("as-bids"));

        KStream<String, ShowStats> stats = hotAuctions(builder, bids, settings)
                .merge(highestBids(builder, bids, settings), Named.as("with-highest-bids"))
                .merge(sales(builder, events), Named.as("with-sales"))
                .merge(liveShowSales(builder), Named.as("with-live-show-sales"));
        stats.peek((key, value) -> metrics.published(value), Named.as("count-published-stats"))
                .to(
                        Topics.SHOW_STATS,
                        Produced.with(Serdes.String(), JsonSerde.stats()).withName("show-stats-sink"));
        return stats;
    }

    private static KStream<String, ShowStats> hotAuctions(
            StreamsBuilder builder, KStream<String, BidPlaced> bids, StatsSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.HOT_RANKINGS), Serdes.Long(), JsonSerde.of(HotWindow.class)));
        return bids.groupByKey(Grouped.with("bids-by-auction", Serdes.String(), JsonSerde.of(BidPlaced.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.hotAuctionsWindow(), settings.grace())
                        .advanceBy(settings.hotAuctionsHop()))
                .count(
                        Named.as("count-bids"),
                        Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(StoreNames.HOT_AUCTION_BIDS)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.Long()))
                .toStream(Named.as("bid-counts"))
                .map(
                        (window, count) -> KeyValue.pair(
                                SHOW,
                                new WindowCount(
                                        window.key(),
                                        window.window().start(),
                                        window.window().end(),
                                        count)),
                        Named.as("to-show"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(WindowCount.class))
                        .withName("bid-counts-of-show")
                        .withNumberOfPartitions(1))
                .process(
                        () -> new HotAuctionsRanker(settings.hotAuctionsSize()),
                        Named.as("rank-hot-auctions"),
                        StoreNames.HOT_RANKINGS);
    }

    private static KStream<String, ShowStats> highestBids(
            StreamsBuilder builder, KStream<String, BidPlaced> bids, StatsSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TASK_HIGHEST_BIDS), Serdes.Long(), Serdes.Long()));
        return bids.process(
                        () -> new NewHighestBids(
                                settings.highestBidWindow().toMillis(),
                                settings.grace().toMillis()),
                        Named.as("new-highest-bids-of-task"),
                        StoreNames.TASK_HIGHEST_BIDS)
                .groupBy(
                        (auctionId, bid) -> SHOW,
                        Grouped.with("bids-of-show", Serdes.String(), JsonSerde.of(BidPlaced.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.highestBidWindow(), settings.grace()))
                .reduce(
                        ShowStatsTopology::higher,
                        Named.as("highest-bid"),
                        Materialized.<String, BidPlaced, WindowStore<Bytes, byte[]>>as(StoreNames.HIGHEST_BIDS)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(BidPlaced.class)))
                .toStream(Named.as("highest-bids"))
                .map(ShowStatsTopology::highestBid, Named.as("as-highest-bid"));
    }

    /** The higher standing bid; on a tie the one that reached the price first. */
    private static BidPlaced higher(BidPlaced first, BidPlaced next) {
        return next.currentBidCents() > first.currentBidCents() ? next : first;
    }

    private static KeyValue<String, ShowStats> highestBid(Windowed<String> window, BidPlaced bid) {
        HighestBid highest = new HighestBid(
                window.window().startTime(),
                window.window().endTime(),
                bid.auctionId(),
                bid.currentBidCents(),
                bid.leader(),
                bid.at());
        return KeyValue.pair(highest.key(), highest);
    }

    private static KStream<String, ShowStats> sales(StreamsBuilder builder, KStream<String, AuctionEvent> events) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SELLERS), Serdes.String(), JsonSerde.of(UserRef.class)));
        KStream<String, Ending> endings =
                events.process(SellerOfEndedAuction::new, Named.as("ended-auctions-by-seller"), StoreNames.SELLERS);
        KStream<String, ShowStats> bySeller = endings.groupByKey(
                        Grouped.with("endings-by-seller", Serdes.String(), JsonSerde.of(Ending.class)))
                .aggregate(
                        () -> Totals.NONE,
                        (sellerId, ending, totals) -> totals.plus(ending),
                        Named.as("sum-seller-sales"),
                        totals(StoreNames.SELLER_SALES))
                .toStream(Named.as("seller-totals"))
                .mapValues(
                        totals -> (ShowStats) new SellerSales(totals.seller(), totals.sales(), totals.at()),
                        Named.as("as-seller-sales"))
                .selectKey((sellerId, sales) -> sales.key(), Named.as("seller-sales-key"));
        KStream<String, ShowStats> ofShow = endings.groupBy(
                        (sellerId, ending) -> SHOW,
                        Grouped.with("endings-of-show", Serdes.String(), JsonSerde.of(Ending.class)))
                .aggregate(
                        () -> Totals.NONE,
                        (show, ending, totals) -> totals.plus(ending),
                        Named.as("sum-show-sales"),
                        totals(StoreNames.SHOW_SALES))
                .toStream(Named.as("show-totals"))
                .mapValues(totals -> (ShowStats) new ShowSales(totals.sales(), totals.at()), Named.as("as-show-sales"));
        return bySeller.merge(ofShow, Named.as("all-sales"));
    }

    /** The sales of each seller's show, from its own events: keyed by show id already, so no repartition. */
    private static KStream<String, ShowStats> liveShowSales(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.LIVE_SHOW_SALES),
                Serdes.String(),
                JsonSerde.of(LiveShowTally.class)));
        return builder.stream(
                        Topics.SHOW_EVENTS,
                        Consumed.with(Serdes.String(), JsonSerde.showEvents())
                                .withTimestampExtractor(new EventTimeExtractor())
                                .withName("show-events-source"))
                .process(LiveShowSalesOfShow::new, Named.as("live-show-sales-of-show"), StoreNames.LIVE_SHOW_SALES);
    }

    private static Materialized<String, Totals, KeyValueStore<Bytes, byte[]>> totals(String store) {
        return Materialized.<String, Totals, KeyValueStore<Bytes, byte[]>>as(store)
                .withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(Totals.class));
    }
}
