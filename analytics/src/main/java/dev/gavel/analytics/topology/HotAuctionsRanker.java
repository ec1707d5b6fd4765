package dev.gavel.analytics.topology;

import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStats.HotAuctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
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
 */
final class HotAuctionsRanker implements Processor<String, WindowCount, String, ShowStats> {

    private final int size;
    private ProcessorContext<String, ShowStats> context;
    private KeyValueStore<Long, HotWindow> windows;
    private HotAuctions published;

    HotAuctionsRanker(int size) {
        this.size = size;
    }

    @Override
    public void init(ProcessorContext<String, ShowStats> context) {
        this.context = context;
        this.windows = context.getStateStore(StoreNames.HOT_WINDOWS);
    }

    @Override
    public void process(Record<String, WindowCount> record) {
        long now = context.currentStreamTimeMs();
        WindowCount count = record.value();
        if (count.windowEnd() > now) {
            HotWindow window = windows.get(count.windowStart());
            windows.put(count.windowStart(), window == null ? HotWindow.of(count) : window.with(count));
        }
        HotWindow current = dropEndedAndFindCurrent(now);
        if (current != null) {
            HotAuctions ranking = current.top(size);
            if (!ranking.equals(published)) {
                published = ranking;
                context.forward(new Record<>(ranking.key(), ranking, record.timestamp()));
            }
        }
    }

    /** Windows are keyed by their start, so the first one still open is the current one. */
    private HotWindow dropEndedAndFindCurrent(long now) {
        List<Long> ended = new ArrayList<>();
        HotWindow current = null;
        try (KeyValueIterator<Long, HotWindow> all = windows.all()) {
            while (all.hasNext() && current == null) {
                KeyValue<Long, HotWindow> window = all.next();
                if (window.value.end() <= now) {
                    ended.add(window.key);
                } else {
                    current = window.value;
                }
            }
        }
        ended.forEach(windows::delete);
        return current;
    }
}
