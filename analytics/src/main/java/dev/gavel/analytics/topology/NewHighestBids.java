package dev.gavel.analytics.topology;

import dev.gavel.events.AuctionEvent.BidPlaced;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets through only the bids that raise the highest standing bid this task has seen in their window. The show-wide
 * highest bid is the highest of these, so every other bid need not cross the show-wide repartition topic: per bid,
 * that topic cost a produce, a fetch and a transaction's share, for all bids of the show. A bid that only ties the
 * task's highest stays behind too: on a tie the bid that reached the price first wins, and that one went through.
 * Windows are the tumbling windows of the highest-bid reduction (aligned to the epoch); a window's entry is dropped
 * once the window and its grace have passed.
 */
final class NewHighestBids implements Processor<String, BidPlaced, String, BidPlaced> {

    private final long windowMillis;
    private final long graceMillis;
    private ProcessorContext<String, BidPlaced> context;
    private KeyValueStore<Long, Long> highest;

    NewHighestBids(long windowMillis, long graceMillis) {
        this.windowMillis = windowMillis;
        this.graceMillis = graceMillis;
    }

    @Override
    public void init(ProcessorContext<String, BidPlaced> context) {
        this.context = context;
        this.highest = context.getStateStore(StoreNames.TASK_HIGHEST_BIDS);
    }

    @Override
    public void process(Record<String, BidPlaced> record) {
        long windowStart = record.timestamp() - Math.floorMod(record.timestamp(), windowMillis);
        Long high = highest.get(windowStart);
        if (high == null) {
            dropClosedWindows();
        }
        if (high == null || record.value().currentBidCents() > high) {
            highest.put(windowStart, record.value().currentBidCents());
            context.forward(record);
        }
    }

    /** Runs when a window is first seen, so about once a window: the store holds a handful of entries. */
    private void dropClosedWindows() {
        long now = context.currentStreamTimeMs();
        List<Long> closed = new ArrayList<>();
        try (KeyValueIterator<Long, Long> all = highest.all()) {
            while (all.hasNext()) {
                KeyValue<Long, Long> window = all.next();
                if (window.key + windowMillis + graceMillis <= now) {
                    closed.add(window.key);
                }
            }
        }
        closed.forEach(highest::delete);
    }
}
