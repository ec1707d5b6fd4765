package dev.gavel.analytics.topology;

import static dev.gavel.analytics.topology.Show.second;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.JsonSerde;
import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStats.AuctionBids;
import dev.gavel.events.ShowStats.HotAuctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ranker keeps in its store all it needs to go on: a ranker started on the store of another (as after a restart
 * or a move of its task) ranks on as the first one would. Windows are one minute hopping every 10 s; times are
 * seconds after T0.
 */
class HotAuctionsRankerTest {

    private static final long MINUTE = 60_000;

    private KeyValueStore<Long, HotWindow> store;

    @BeforeEach
    void createStore() {
        // In memory, but through the serdes of the real store: what is read back is what the changelog would hold.
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.HOT_RANKINGS),
                        Serdes.Long(),
                        JsonSerde.of(HotWindow.class))
                .withLoggingDisabled()
                .build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void aRankerStartedOnTheStoreOfAnotherRanksOnWithItsCounts() {
        Ranker first = new Ranker(2);
        first.count("A", -30, 3, 25);
        first.count("B", -30, 2, 26);
        first.count("C", -30, 1, 27);

        Ranker next = new Ranker(2);
        List<HotAuctions> published = next.count("C", -30, 3, 28);

        // C, left out with one bid, now has three: it passes B and ties with A, who stays first by auction id.
        assertThat(published)
                .containsExactly(new HotAuctions(second(-30), second(30), List.of(bids("A", 3), bids("C", 3))));
    }

    @Test
    void aRankerStartedWithASmallerSizeListsFewer() {
        Ranker first = new Ranker(3);
        first.count("A", -30, 3, 25);
        first.count("B", -30, 2, 26);

        List<HotAuctions> published = new Ranker(1).count("B", -30, 2, 27);

        assertThat(published).containsExactly(new HotAuctions(second(-30), second(30), List.of(bids("A", 3))));
    }

    @Test
    void endedWindowsLeaveTheStore() {
        Ranker ranker = new Ranker(5);
        ranker.count("A", -30, 1, 25);
        ranker.count("A", -20, 1, 25);

        ranker.count("B", -20, 1, 31);

        assertThat(windowStarts()).containsExactly(second(-20).toEpochMilli());
    }

    @Test
    void aCountOfAnEndedWindowIsIgnored() {
        Ranker ranker = new Ranker(5);
        ranker.count("A", -20, 1, 35);

        List<HotAuctions> published = ranker.count("B", -30, 4, 35);

        assertThat(published).isEmpty();
        assertThat(windowStarts()).containsExactly(second(-20).toEpochMilli());
    }

    private List<Long> windowStarts() {
        List<Long> starts = new ArrayList<>();
        try (KeyValueIterator<Long, HotWindow> all = store.all()) {
            all.forEachRemaining(window -> starts.add(window.key));
        }
        return starts;
    }

    private static AuctionBids bids(String auctionId, long bids) {
        return new AuctionBids(auctionId, bids);
    }

    /** A ranker on the shared store, with stream time set by hand to the time of each count. */
    private final class Ranker {

        private final MockProcessorContext<String, ShowStats> context = new MockProcessorContext<>();
        private final HotAuctionsRanker ranker;

        Ranker(int size) {
            context.addStateStore(store);
            ranker = new HotAuctionsRanker(size);
            ranker.init(context);
        }

        /** {@code auctionId} has {@code bids} in the window that starts at {@code windowStart}, as of {@code at}. */
        List<HotAuctions> count(String auctionId, long windowStart, long bids, long at) {
            long start = second(windowStart).toEpochMilli();
            long time = second(at).toEpochMilli();
            context.resetForwards();
            context.setCurrentStreamTimeMs(time);
            ranker.process(new Record<>(
                    ShowStatsTopology.SHOW, new WindowCount(auctionId, start, start + MINUTE, bids), time));
            return context.forwarded().stream()
                    .map(forward -> (HotAuctions) forward.record().value())
                    .toList();
        }
    }
}
