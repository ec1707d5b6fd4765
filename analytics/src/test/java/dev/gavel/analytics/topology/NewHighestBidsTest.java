package dev.gavel.analytics.topology;

import static dev.gavel.analytics.topology.Show.BOB;
import static dev.gavel.analytics.topology.Show.CAROL;
import static dev.gavel.analytics.topology.Show.second;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.AuctionEvent.BidPlaced;
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

/** One task's filter in front of the show-wide highest bid: one-minute windows, 5 s of grace; times after T0. */
class NewHighestBidsTest {

    private final Show show = new Show();
    private final MockProcessorContext<String, BidPlaced> context = new MockProcessorContext<>();
    private KeyValueStore<Long, Long> store;
    private NewHighestBids filter;

    @BeforeEach
    void createFilter() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.TASK_HIGHEST_BIDS), Serdes.Long(), Serdes.Long())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setCurrentStreamTimeMs(second(0).toEpochMilli());
        filter = new NewHighestBids(60_000, 5_000);
        filter.init(context);
    }

    /** The bids let through, in order, of those given. */
    private List<String> letThrough(BidPlaced... bids) {
        List<String> through = new ArrayList<>();
        for (BidPlaced bid : bids) {
            context.resetForwards();
            long time = bid.at().toEpochMilli();
            context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), time));
            filter.process(new Record<>(bid.auctionId(), bid, time));
            context.forwarded().forEach(forward -> through.add(bid.auctionId() + ":" + bid.currentBidCents()));
        }
        return through;
    }

    @Test
    void onlyBidsThatRaiseTheTasksHighestOfTheirMinuteGoThrough() {
        List<String> through = letThrough(
                show.bid("A", BOB, 1_000, 5),
                show.bid("B", CAROL, 900, 10),
                show.bid("A", CAROL, 1_100, 20),
                show.bid("B", BOB, 1_000, 30));

        assertThat(through).containsExactly("A:1000", "A:1100");
    }

    @Test
    void aBidThatOnlyTiesStaysBehindForTheFirstAtThatPriceWins() {
        List<String> through = letThrough(show.bid("A", BOB, 3_000, 10), show.bid("B", CAROL, 3_000, 20));

        assertThat(through).containsExactly("A:3000");
    }

    @Test
    void eachMinuteStartsFromNothing() {
        List<String> through = letThrough(show.bid("A", BOB, 5_000, 50), show.bid("B", CAROL, 100, 61));

        assertThat(through).containsExactly("A:5000", "B:100");
    }

    @Test
    void aMinuteIsForgottenOnceItAndItsGraceHavePassed() {
        letThrough(show.bid("A", BOB, 5_000, 50), show.bid("B", CAROL, 100, 64));

        // At 124 s the first minute (and its grace, to 65 s) has passed; the second's grace lasts to 125 s.
        letThrough(show.bid("C", BOB, 100, 124));

        assertThat(windowStarts())
                .containsExactly(second(60).toEpochMilli(), second(120).toEpochMilli());
    }

    private List<Long> windowStarts() {
        List<Long> starts = new ArrayList<>();
        try (KeyValueIterator<Long, Long> all = store.all()) {
            all.forEachRemaining(window -> starts.add(window.key));
        }
        return starts;
    }
}
