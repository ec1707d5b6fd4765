package dev.gavel.analytics.topology;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.ShowEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Statistics are computed in event time: when a bid was received, when an auction ended ({@code at}), not when the
 * record was written or is read. So a replay, a restart or a lagging consumer computes the same windows.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof AuctionEvent event) {
            return event.at().toEpochMilli();
        }
        if (record.value() instanceof ShowEvent event) {
            return event.at().toEpochMilli();
        }
        // Not an event (nothing else is written to the event topics): keep the partition's time, never go back.
        return partitionTime;
    }
}
