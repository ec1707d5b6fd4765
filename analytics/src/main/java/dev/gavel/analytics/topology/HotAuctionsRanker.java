package dev.gavel.analytics.topology;

import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStats.HotAuctions;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Ranks the auctions of the show by their bids in the current hopping window. Every count of every auction comes
 * here (one task, one key), so the task's stream time is the latest bid time of the whole show. The current window
 * is the oldest one that has not ended at that time: it holds the last minute, give or take one hop. Windows that
 * have ended are dropped; the ranking is published whenever it changes.
 *
 * <p>A window keeps only its leaders ({@link TopAuctions}), not the count of every auction: each count that comes
 * here is an auction's whole count in the window so far, and counts only grow, so the leaders can be kept exactly from
 * the counts alone. A count then costs O(size of the ranking) and writes at most one small value, whatever the number
 * of auctions. (Keeping every auction's count in one value per window cost O(auctions) per count: a whole core, far
 * behind, at 1,000 auctions.) The handful of open windows is kept decoded, keyed by start, and written through to the
 * store, which is read only at (re)initialisation.
 */
final class HotAuctionsRanker implements Processor<String, WindowCount, String, ShowStats> {

    private final int size;
    private final NavigableMap<Long, HotWindow> open = new TreeMap<>();
    private ProcessorContext<String, ShowStats> context;
    private KeyValueStore<Long, HotWindow> windows;
    private HotAuctions published;

    HotAuctionsRanker(int size) {
        this.size = size;
    }

    @Override
    public void init(ProcessorContext<String, ShowStats> context) {
        this.context = context;
        this.windows = context.getStateStore(StoreNames.HOT_RANKINGS);
        // Also a re-initialisation after an aborted transaction: the store has been restored to the last commit, and
        // whatever was published since has been rolled back, so the next ranking is published in any case.
        open.clear();
        published = null;
        try (KeyValueIterator<Long, HotWindow> all = windows.all()) {
            all.forEachRemaining(window -> open.put(window.key, window.value.resized(size)));
        }
    }

    @Override
    public void process(Record<String, WindowCount> record) {
        long now = context.currentStreamTimeMs();
        WindowCount count = record.value();
        if (count.windowEnd() > now) {
            HotWindow window = open.get(count.windowStart());
            HotWindow counted = window == null ? HotWindow.of(count, size) : window.with(count);
            if (counted != window) {
                open.put(count.windowStart(), counted);
                windows.put(count.windowStart(), counted);
            }
        }
        dropEnded(now);
        if (!open.isEmpty()) {
            HotAuctions ranking = open.firstEntry().getValue().ranking();
            if (!ranking.equals(published)) {
                published = ranking;
                context.forward(new Record<>(ranking.key(), ranking, record.timestamp()));
            }
        }
    }

    /** Windows are keyed by their start, so the first one still open is the current one. */
    private void dropEnded(long now) {
        while (!open.isEmpty() && open.firstEntry().getValue().end() <= now) {
            windows.delete(open.pollFirstEntry().getKey());
        }
    }
}
