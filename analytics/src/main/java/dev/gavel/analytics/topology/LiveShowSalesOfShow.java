package dev.gavel.analytics.topology;

import dev.gavel.events.ShowEvent;
import dev.gavel.events.ShowStats;
import dev.gavel.events.ShowStats.LiveShowSales;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds each show's events, read where they are (keyed by show id), into its tally, and publishes its sales after
 * every event that changed it.
 */
final class LiveShowSalesOfShow implements Processor<String, ShowEvent, String, ShowStats> {

    private ProcessorContext<String, ShowStats> context;
    private KeyValueStore<String, LiveShowTally> tallies;

    @Override
    public void init(ProcessorContext<String, ShowStats> context) {
        this.context = context;
        this.tallies = context.getStateStore(StoreNames.LIVE_SHOW_SALES);
    }

    @Override
    public void process(Record<String, ShowEvent> record) {
        ShowEvent event = record.value();
        if (event == null) {
            return;
        }
        LiveShowTally before = tallies.get(event.showId());
        LiveShowTally after;
        if (event instanceof ShowEvent.ShowCreated created) {
            if (before != null) {
                return;
            }
            after = LiveShowTally.of(created);
        } else if (before == null || before.counted(event)) {
            return;
        } else {
            after = before.plus(event);
        }
        tallies.put(event.showId(), after);
        LiveShowSales sales = after.stats();
        context.forward(record.withKey(sales.key()).withValue(sales));
    }
}
