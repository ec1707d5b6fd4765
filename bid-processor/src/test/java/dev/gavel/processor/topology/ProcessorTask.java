package dev.gavel.processor.topology;

import dev.gavel.events.AuctionCommand;
import dev.gavel.events.AuctionCommand.GatewayWatermark;
import dev.gavel.events.JsonSerde;
import dev.gavel.processor.auction.Auction;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One task of the auction processor on in-memory stores and a mock context, for what a topology test cannot see:
 * the task's own restarts, and the commits it asks for.
 */
final class ProcessorTask {

    final MockProcessorContext<String, Object> context = new MockProcessorContext<>(config());
    final AuctionProcessor processor = new AuctionProcessor(EngineSettings.defaults(), ProcessorMetrics.unobserved());
    final KeyValueStore<String, Auction> auctions;

    ProcessorTask(Instant now) {
        auctions = store(StoreNames.AUCTIONS, StoreSerdes.auctions());
        store(StoreNames.PROCESSED_COMMANDS, StoreSerdes.processedCommands());
        store(StoreNames.DEADLINES, Serdes.String());
        store(StoreNames.GATEWAY_WATERMARKS, Serdes.Long());
        context.setCurrentSystemTimeMs(now.toEpochMilli());
        processor.init(context);
    }

    void restart() {
        processor.close();
        processor.init(context);
        context.resetForwards();
    }

    void process(AuctionCommand command) {
        byte[] value = JsonSerde.commands().serialize("commands", command);
        processor.process(
                new Record<>(command.auctionId(), value, command.receivedAt().toEpochMilli()));
    }

    /** A gateway instance's watermark, keyed by the instance as the gateway writes it. */
    void watermark(String gatewayId, Instant receivedBefore) {
        AuctionCommand watermark = new GatewayWatermark("watermark:" + gatewayId, gatewayId, receivedBefore);
        byte[] value = JsonSerde.commands().serialize("commands", watermark);
        processor.process(new Record<>(gatewayId, value, receivedBefore.toEpochMilli()));
    }

    /** Runs the wall-clock punctuator at {@code now}, as Kafka Streams would. */
    void punctuate(Instant now) {
        context.setCurrentSystemTimeMs(now.toEpochMilli());
        context.scheduledPunctuators()
                .forEach(scheduled -> scheduled.getPunctuator().punctuate(now.toEpochMilli()));
    }

    List<Object> forwarded() {
        return context.forwarded().stream()
                .map(CapturedForward::record)
                .map(Record::value)
                .map(Object.class::cast)
                .toList();
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-task-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return config;
    }
}
