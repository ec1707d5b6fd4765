package dev.gavel.systemtests.endings;

import dev.gavel.events.AuctionCommand;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A fault for one gateway's producer: every bid is held back for {@link #HOLD_MILLIS} before it is handed to the
 * producer, as in a gateway that stalls (a long GC pause, a starved core) between receiving a bid and writing it.
 * Configured on that gateway with {@code spring.kafka.producer.properties.interceptor.classes}.
 */
public final class HeldBackBids implements ProducerInterceptor<String, AuctionCommand> {

    static final long HOLD_MILLIS = 400;

    @Override
    public ProducerRecord<String, AuctionCommand> onSend(ProducerRecord<String, AuctionCommand> record) {
        if (record.value() instanceof AuctionCommand.PlaceBid) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS));
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
